package io.avatardrive.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.support.ChunkedPost;
import io.avatardrive.support.RunningApp;
import io.avatardrive.support.TestClips;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application started as the README says, with 200 idle live POSTs open (150 tasks, and 50 for one more): its
 * liveness answers within a second, and another task's POST is spoken at once.
 */
class IdleRequestsHealthTest {

    @TempDir
    Path data;

    @Test
    void withTwoHundredIdlePostsHealthAnswersWithinASecondAndAnotherTaskSpeaks() throws Exception {
        int management = AvailablePortFinder.getNextAvailable();
        int ingress = AvailablePortFinder.getNextAvailable();
        List<ChunkedPost> idle = new ArrayList<>();
        try (RunningApp app = RunningApp.start(data, List.of("-Dmanagement.port=" + management,
                "-Dingress.port=" + ingress, "-Ddrive.utterance-gap-ms=30000"));
             AutoCloseable closeIdleFirst = () -> closeAll(idle)) {
            for (int i = 0; i < 200; i++) {
                String task = i < 150 ? "idle-" + i : "idle-shared";
                idle.add(new ChunkedPost(ingress, "/tasks/" + task + "/speak", "audio/pcm;rate=16000"));
            }
            HttpClient http = HttpClient.newHttpClient();
            long asked = System.nanoTime();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management
                    + "/observe/health/live")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            long healthMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
            assertEquals(200, health.statusCode(), health.body());

            byte[] pcm = TestClips.pcm16(16000, 0.5);
            try (ChunkedPost other = new ChunkedPost(ingress, "/tasks/not-idle/speak", "audio/pcm;rate=16000")) {
                other.chunk(pcm, 0, pcm.length);
                ChunkedPost.Answer answer = other.finish();
                assertEquals(200, answer.status(), answer.body());
                JsonNode report = new ObjectMapper().readTree(answer.body());
                System.out.printf("With 200 idle live POSTs open: liveness in %d ms, another task's first PCM %d ms%n",
                        healthMs, report.path("firstPcmMs").asLong());
                assertTrue(report.path("firstPcmMs").asLong(-1) < 1000, answer.body());
            }
            assertTrue(healthMs < 1000, "liveness answered after " + healthMs + " ms");
        }
    }

    private static void closeAll(List<ChunkedPost> posts) throws Exception {
        for (ChunkedPost post : posts) {
            post.close();
        }
    }
}
