package io.avatardrive;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.apache.camel.main.Main;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

/** The whole application as camel-main runs it: stand-in, embedded broker, YAML routes, and the management endpoints. */
class AvatarDriveApplicationTest {

    @TempDir
    Path data;

    @Test
    void healthIsUpWhenReadyAndMetricsCountADrive() throws Exception {
        int managementPort = AvailablePortFinder.getNextAvailable();
        Properties overrides = new Properties();
        overrides.setProperty("management.port", Integer.toString(managementPort));
        overrides.setProperty("ingress.port", Integer.toString(AvailablePortFinder.getNextAvailable()));
        overrides.setProperty("broker.port", Integer.toString(AvailablePortFinder.getNextAvailable()));
        overrides.setProperty("broker.data", data.resolve("broker").toString());
        overrides.setProperty("drive.inbox", data.resolve("inbox").toString());
        overrides.setProperty("drive.done", data.resolve("done").toString());
        overrides.setProperty("drive.error", data.resolve("error").toString());
        overrides.setProperty("drive.spool", data.resolve("spool").toString());
        overrides.setProperty("drive.driven-messages", data.resolve("driven.txt").toString());
        overrides.setProperty("drive.lead-ms", "200");
        overrides.setProperty("drive.driven-clips", data.resolve("driven-clips.log").toString());

        Main main = new Main();
        AvatarDriveMain.addConfigurations(main);
        main.configure().setRoutesIncludePattern("file:routes/*.yaml");
        main.setPropertyPlaceholderLocations("classpath:application.properties");
        overrides.forEach((key, value) -> main.addOverrideProperty((String) key, (String) value));
        main.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + managementPort + "/observe/";
            // ready once the broker is up, every route started and every consumer has polled once
            HttpRequest healthCheck = HttpRequest.newBuilder(URI.create(base + "health")).build();
            HttpResponse<String> health = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> http.send(healthCheck, HttpResponse.BodyHandlers.ofString()), h -> h.statusCode() == 200);
            assertTrue(health.body().contains("\"UP\""), health.body());

            Path inbox = data.resolve("inbox");
            Files.createDirectories(inbox);
            Files.copy(Path.of("samples/hello.wav"), inbox.resolve("hello.wav.part"));
            Files.move(inbox.resolve("hello.wav.part"), inbox.resolve("hello.wav"));
            Path report = data.resolve("done/hello.wav.json");
            await().alias("the sample was not driven").atMost(Duration.ofSeconds(30)).until(() -> Files.exists(report));

            String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("avatar_drive_started_total 1.0"), metrics);
            assertTrue(metrics.contains("avatar_drive_succeeded_total 1.0"), metrics);
            assertTrue(metrics.contains("avatar_drive_api_calls_total{code=\"0\"} 1.0"), metrics);
            assertTrue(metrics.contains("avatar_drive_audio_seconds_total 8.8"), metrics);
        } finally {
            main.stop();
        }
    }
}
