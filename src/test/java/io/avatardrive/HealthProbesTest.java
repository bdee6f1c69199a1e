package io.avatardrive;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import io.avatardrive.support.RunningApp;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A broker that is down makes the service not ready, never dead: restarting it would not bring the broker back. */
class HealthProbesTest {

    @TempDir
    Path data;

    @Test
    void withItsBrokerDownTheServiceIsAliveButNotReady() throws Exception {
        int management = AvailablePortFinder.getNextAvailable();
        int nobody = AvailablePortFinder.getNextAvailable();
        try (RunningApp app = RunningApp.start(data, List.of("-Dmanagement.port=" + management,
                "-Dbroker.url=tcp://127.0.0.1:" + nobody))) {
            HttpClient http = HttpClient.newHttpClient();
            assertEquals(200, status(http, management, "/observe/health/live"), app.output());
            assertEquals(503, status(http, management, "/observe/health/ready"), app.output());
        }
    }

    private static int status(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
