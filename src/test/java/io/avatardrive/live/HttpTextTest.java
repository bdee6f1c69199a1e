package io.avatardrive.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.standin.VolcStandInSession;
import io.avatardrive.support.LiveTestSupport;
import io.avatardrive.support.VendorStandIns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /tasks/{TaskId}/speak with words: said by the Volcengine avatar, the answer its report; an interrupt stops it. */
class HttpTextTest extends LiveTestSupport {

    @RegisterExtension
    static final VendorStandIns vendors = new VendorStandIns();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void quickSpeech() {
        vendors.volc.speechMsPerCharacter(20);
    }

    @Override
    protected Map<String, String> properties() {
        return vendors.addTo(super.properties());
    }

    private HttpRequest say(String task, String query, String contentType, String words) {
        return HttpRequest.newBuilder(URI.create(speakUrl("http", task) + "?backend=volc-tta" + query))
                .header("Content-Type", contentType).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(words)).build();
    }

    @Test
    void ssmlPostedToATaskIsSaidAndAnsweredWithTheReport() throws Exception {
        String ssml = "<speak>你好<action type=\"OK\"/>,很高兴见到你。</speak>";
        HttpResponse<String> response = http.send(say("http-text", "", "application/ssml+xml", ssml),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode report = JSON.readTree(response.body());
        assertEquals("driven", report.path("outcome").asText());
        assertEquals("ssml", report.path("input").asText());
        assertEquals("你好,很高兴见到你。".length(), report.path("characters").asInt());
        assertTrue(vendors.volc.sessions().stream().anyMatch(s -> s.said().equals(List.of(ssml))));
    }

    @Test
    void anInterruptingPostStopsTheTextBeingSaidAndItsAnswerSaysInterrupted() throws Exception {
        String longText = "我们来聊聊今天的天气和新闻。".repeat(15);
        CompletableFuture<HttpResponse<String>> first = http.sendAsync(say("http-chat", "", "text/plain", longText),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> vendors.volc.sessions().stream()
                .anyMatch(s -> s.said().contains(longText)));
        VolcStandInSession cut = vendors.volc.sessions().stream().filter(s -> s.said().contains(longText))
                .findFirst().orElseThrow();
        HttpResponse<String> second = http.send(say("http-chat", "&interrupt=true", "text/plain", "等一下。"),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, second.statusCode(), second.body());
        assertEquals("driven", JSON.readTree(second.body()).path("outcome").asText());
        HttpResponse<String> firstAnswer = first.get(10, TimeUnit.SECONDS);
        assertEquals(200, firstAnswer.statusCode());
        assertEquals("interrupted", JSON.readTree(firstAnswer.body()).path("outcome").asText(), firstAnswer.body());
        assertTrue(cut.interruptedAtNanos() > 0, "the avatar was told |CTL|03|");
        assertEquals(List.of(), cut.violations());
    }
}
