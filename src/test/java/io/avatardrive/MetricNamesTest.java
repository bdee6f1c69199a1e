package io.avatardrive;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import io.avatardrive.support.ChunkedPost;
import io.avatardrive.support.RunningApp;
import io.avatardrive.support.TestClips;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /observe/metrics has the README's meter names, each from the start at zero, and counts a drive under them. */
class MetricNamesTest {

    @TempDir
    Path data;

    @Test
    void everyDocumentedMeterIsScrapedAtZeroBeforeTheFirstDriveAndCountsIt() throws Exception {
        int management = AvailablePortFinder.getNextAvailable();
        int ingress = AvailablePortFinder.getNextAvailable();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (RunningApp app = RunningApp.start(data,
                List.of("-Dmanagement.port=" + management, "-Dingress.port=" + ingress,
                        "-Ddrive.utterance-gap-ms=500"))) {
            String before = scrape(http, management);
            for (String zero : List.of("avatar_drive_started_total 0.0", "avatar_drive_succeeded_total 0.0",
                    "avatar_drive_audio_seconds_total 0.0", "avatar_drive_active 0.0",
                    "avatar_drive_max_lead_ms_count 0",
                    "avatar_drive_failed_total{stage=\"api\"} 0.0", "avatar_drive_failed_total{stage=\"decode\"} 0.0",
                    "avatar_drive_ended_total{outcome=\"interrupted\"} 0.0")) {
                assertTrue(before.contains(zero), zero + " is missing:\n" + before);
            }
            HttpResponse<String> spoken = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + ingress + "/tasks/local-avatar/speak"))
                    .header("Content-Type", "audio/pcm;rate=16000")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(TestClips.pcm16(16000, 0.3))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, spoken.statusCode(), spoken.body());
            String after = scrape(http, management);
            assertTrue(after.contains("avatar_drive_max_lead_ms_count 1"), after);
            assertTrue(after.contains("avatar_drive_succeeded_total 1.0"), after);
            assertTrue(after.contains("avatar_drive_ended_total{outcome=\"driven\"} 1.0"), after);
            assertFalse(after.contains("avatar_drive_max_lead_ms_milliseconds"),
                    "the lead histogram has its documented name");
            // an utterance whose producer goes quiet is cut: it ended with a report and Stop, but did not succeed
            try (ChunkedPost quiet = new ChunkedPost(ingress, "/tasks/local-avatar/speak", "audio/pcm;rate=16000")) {
                byte[] pcm = TestClips.pcm16(16000, 0.3);
                quiet.chunk(pcm, 0, pcm.length);
                assertTrue(quiet.answer().body().contains("\"outcome\":\"cut\""));
            }
            String cut = scrape(http, management);
            assertTrue(cut.contains("avatar_drive_ended_total{outcome=\"cut\"} 1.0"), cut);
            assertTrue(cut.contains("avatar_drive_succeeded_total 1.0"), "a cut drive is not a success:\n" + cut);
        }
    }

    private static String scrape(HttpClient http, int management) throws Exception {
        URI metrics = URI.create("http://127.0.0.1:" + management + "/observe/metrics");
        return http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
