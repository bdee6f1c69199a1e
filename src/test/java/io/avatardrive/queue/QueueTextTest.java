package io.avatardrive.queue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.standin.VolcStandInSession;
import io.avatardrive.support.QueueTestSupport;
import io.avatardrive.support.VendorStandIns;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Words on the queue: a message whose ClipName ends in .txt or .ssml, or whose ContentType is text/plain or
 * application/ssml+xml, is said by a Volcengine avatar, with the same reports, dead-lettering and interrupts as audio.
 */
class QueueTextTest extends QueueTestSupport {

    @RegisterExtension
    static final VendorStandIns vendors = new VendorStandIns();

    @BeforeEach
    void quickSpeech() {
        vendors.volc.speechMsPerCharacter(20);
    }

    @Override
    protected Map<String, String> properties() {
        Map<String, String> p = vendors.addTo(super.properties());
        p.put("drive.backend", "volc-tta");
        return p;
    }

    /** A JMS text message, as a backend that thinks in strings sends words. */
    private void publishText(String text, Map<String, Object> properties) throws Exception {
        try (Connection connection = clientFactory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage message = session.createTextMessage(text);
            for (Map.Entry<String, Object> p : properties.entrySet()) {
                message.setObjectProperty(p.getKey(), p.getValue());
            }
            session.createProducer(session.createQueue(brokerSettings.queue())).send(message);
        }
    }

    private static VolcStandInSession sessionSaying(String text) {
        await().atMost(Duration.ofSeconds(10)).until(() -> vendors.volc.sessions().stream()
                .anyMatch(s -> s.said().contains(text)));
        return vendors.volc.sessions().stream().filter(s -> s.said().contains(text)).findFirst().orElseThrow();
    }

    @Test
    void aTextMessageWithContentTypeTextPlainIsSaidAndReported() throws Exception {
        String words = "欢迎光临,今天有新品。";
        publishText(words, Map.of("TaskId", "q-text", "ContentType", "text/plain; charset=utf-8"));

        Message result = receive(brokerSettings.resultsQueue(), 1, 30_000).get(0);
        JsonNode report = JSON.readTree(((TextMessage) result).getText());
        assertEquals("driven", report.path("outcome").asText(), report.toString());
        assertEquals("volc-tta", report.path("backend").asText());
        assertEquals("text", report.path("input").asText());
        assertFalse(result.propertyExists("ContentType"), "a result is JSON, not the clip's type");
        assertFalse(result.propertyExists("AvatarDriveFormat"), "the drive's own header stays home");
        assertEquals(words.length(), report.path("characters").asInt());
        VolcStandInSession heard = sessionSaying(words);
        assertEquals("text", heard.session().path("input_mode").asText());
        assertEquals(List.of(), heard.violations());
    }

    @Test
    void ssmlOverStompNamedByItsClipNameReachesTheAvatarAsWritten() throws Exception {
        String ssml = "<speak>大家好<action type=\"Wave\"/>,我是小雨。</speak>";
        publishOverStomp(ssml.getBytes(StandardCharsets.UTF_8), Map.of("TaskId", "q-ssml", "ClipName", "hi.ssml"));

        JsonNode report = receiveReports(1, 30_000).get(0);
        assertEquals("driven", report.path("outcome").asText(), report.toString());
        assertEquals("ssml", report.path("input").asText());
        assertEquals("hi.ssml", report.path("file").asText());
        assertEquals(List.of(ssml), sessionSaying(ssml).said());
    }

    @Test
    void textForAZegoTaskAndMalformedSsmlAreDeadLetteredWithTheirReasons() throws Exception {
        publishText("hello", Map.of("TaskId", "q-zego", "ClipName", "z.txt", "Backend", "zego"));
        publish("<speak>oops".getBytes(StandardCharsets.UTF_8), Map.of("TaskId", "q-bad", "ContentType",
                "application/ssml+xml", "ClipName", "oops"));

        Map<String, Message> dead = new HashMap<>();
        for (Message m : receive(brokerSettings.deadLetterQueue(), 2, 30_000)) {
            dead.put(m.getStringProperty("ClipName"), m);
        }
        assertEquals(2, dead.size(), dead.keySet().toString());
        assertEquals("read", dead.get("z.txt").getStringProperty("DriveStage"));
        assertTrue(dead.get("z.txt").getStringProperty("DriveReason").contains("text needs the volc-tta backend"),
                dead.get("z.txt").getStringProperty("DriveReason"));
        assertEquals("decode", dead.get("oops").getStringProperty("DriveStage"));
        assertTrue(dead.get("oops").getStringProperty("DriveReason").contains("not well-formed XML"),
                dead.get("oops").getStringProperty("DriveReason"));
        assertEquals("application/ssml+xml", dead.get("oops").getStringProperty("ContentType"),
                "a dead letter keeps what it was, to be published again once fixed");
        assertFalse(dead.get("oops").propertyExists("AvatarDriveFormat"));
    }

    @Test
    void anInterruptOnTheQueueStopsTheTextBeingSaidWithCtl03() throws Exception {
        String longText = "请大家看这边,这是我们今天的主推产品。".repeat(10);
        publishText(longText, Map.of("TaskId", "q-chat", "ClipName", "long.txt"));
        VolcStandInSession cut = sessionSaying(longText);
        publishText("好,换个话题。", Map.of("TaskId", "q-chat", "ClipName", "now.txt", "Interrupt", true));

        Map<String, String> outcomes = new HashMap<>();
        for (JsonNode report : receiveReports(2, 20_000)) {
            outcomes.put(report.path("file").asText(), report.path("outcome").asText());
        }
        assertEquals(Map.of("long.txt", "interrupted", "now.txt", "driven"), outcomes);
        assertTrue(cut.interruptedAtNanos() > 0, "the avatar was told |CTL|03|");
        await().atMost(Duration.ofSeconds(5)).until(cut::closed);
        assertTrue(cut.frames().contains("|CTL|03|"), cut.frames().toString());
        assertEquals(List.of(), cut.violations());
    }
}
