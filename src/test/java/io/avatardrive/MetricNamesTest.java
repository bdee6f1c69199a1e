package io.avatardrive;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.avatardrive.support.ChunkedPost;
import io.avatardrive.support.RunningApp;
import io.avatardrive.support.TestClips;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /observe/metrics has every meter the README and docs/ name, each from the start at zero, and counts a drive under
 * them; the console's counters are those meters, so a drive is counted once.
 */
class MetricNamesTest {

    private static final Pattern METER = Pattern.compile("avatar_drive_[a-z_]+[a-z]");

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
            for (String documented : documentedMeters()) {
                assertTrue(before.contains("\n" + documented), documented + " is documented but not scraped:\n" + before);
            }
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
            assertTrue(cut.contains("avatar_drive_api_calls_total{code=\"0\"} 2.0"), cut);
            // the console shows the same counts: one driven, one cut, two API answers with code 0
            JsonNode board = consoleSnapshot(http, management);
            assertEquals(1, board.path("outcomes").path("driven").asLong(-1), board.toString());
            assertEquals(1, board.path("outcomes").path("cut").asLong(-1), board.toString());
            assertEquals(2, board.path("apiAnswers").path("0").asLong(-1), board.toString());
        }
    }

    /** Every meter name the landing page and the docs mention (a database table's name aside). */
    private static Set<String> documentedMeters() throws Exception {
        Set<String> names = new TreeSet<>();
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).forEach(pages::add);
        }
        for (Path page : pages) {
            Matcher m = METER.matcher(Files.readString(page));
            while (m.find()) {
                names.add(m.group());
            }
        }
        names.remove("avatar_drive_driven_messages");
        assertTrue(names.size() >= 8, "the docs name the meters: " + names);
        return names;
    }

    /** The first snapshot the console's event stream sends. */
    private static JsonNode consoleSnapshot(HttpClient http, int management) throws Exception {
        HttpResponse<Stream<String>> events = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + management + "/console/events")).build(),
                HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = events.body()) {
            String data = lines.filter(l -> l.startsWith("data: ")).findFirst().orElseThrow();
            return new ObjectMapper().readTree(data.substring("data: ".length()));
        }
    }

    private static String scrape(HttpClient http, int management) throws Exception {
        URI metrics = URI.create("http://127.0.0.1:" + management + "/observe/metrics");
        return http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
