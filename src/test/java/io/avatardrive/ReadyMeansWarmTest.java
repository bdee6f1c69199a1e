package io.avatardrive;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.avatardrive.support.RunningApp;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An instance that has just started says it is ready only once a drive's clients have been made and used on loopback,
 * so the first conversation an autoscaler sends it does not pay for that (issue 23, item 1; the figures are the
 * benchmark's {@code cold} scenario).
 */
class ReadyMeansWarmTest {

    @TempDir
    Path data;

    @Test
    void readinessTurnsUpOnlyAfterTheWarmUpAndNamesIt() throws Exception {
        int management = AvailablePortFinder.getNextAvailable();
        try (RunningApp app = RunningApp.start(data, List.of("-Dmanagement.port=" + management))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management
                                                                  + "/observe/health/ready?exposureLevel=full")).build();
            String[] body = new String[1];
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> {
                HttpResponse<String> answer = http.send(ready, HttpResponse.BodyHandlers.ofString());
                body[0] = answer.body();
                if (answer.statusCode() != 200) {
                    return false;
                }
                // the warm-up had finished when readiness first said UP
                assertTrue(app.output().contains("DriveWarmUp - Warmed up in"), app.output());
                return true;
            });
            assertTrue(body[0].contains("warm-up"), body[0]);
        }
    }
}
