package io.avatardrive;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A broker that is down makes the service not ready, never dead: restarting it would not bring the broker back. */
class HealthProbesTest {

    @TempDir
    Path data;

    @Test
    void withItsBrokerDownTheServiceIsAliveButNotReady() throws Exception {
        int management = AvailablePortFinder.getNextAvailable();
        int nobody = AvailablePortFinder.getNextAvailable();
        ProcessLifecycleTest app = new ProcessLifecycleTest();
        app.data = data;
        StringBuffer output = new StringBuffer();
        Process process = app.start(new CountDownLatch(1), List.of("-Dmanagement.port=" + management,
                "-Dbroker.url=tcp://127.0.0.1:" + nobody), Map.of(), output);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> output.toString().contains(") started in"));
            HttpClient http = HttpClient.newHttpClient();
            assertEquals(200, status(http, management, "/observe/health/live"), output.toString());
            assertEquals(503, status(http, management, "/observe/health/ready"), output.toString());
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }

    private static int status(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
