package io.avatardrive;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.avatardrive.standin.SamiStandIn;
import io.avatardrive.standin.VolcStandIn;
import io.avatardrive.standin.ZegoStandIn;
import io.avatardrive.support.TestClips;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

/** After failing drives, the ServerSecret, the vendors' tokens and the drive Tokens appear in no log line, report, error file or metric. */
class SecretsStayOutTest {

    private static final String SECRET = "s3cr3t5e4v3r5ecret0123456789abcd";
    private static final String VOLC_TOKEN = "v0lcT0kenNeverLogged42";
    private static final String SAMI_TOKEN = "s4m1T0kenNeverLogged42";
    private static final Pattern TOKEN = Pattern.compile("Token=(?!\\*)[^&\\s\"']+");

    @Test
    void secretAndTokensAreNowhereAfterFailingDrives() throws Exception {
        ProcessLifecycleTest app = new ProcessLifecycleTest();
        Path data = Files.createTempDirectory("secrets");
        app.data = data;
        int management = AvailablePortFinder.getNextAvailable();
        try (ZegoStandIn standIn = new ZegoStandIn("98765", SECRET).knownTasks("good")
                .start(AvailablePortFinder.getNextAvailable());
             // both refuse our tokens: failures whose texts are near them
             VolcStandIn volc = new VolcStandIn("v-app", "another-token").start(AvailablePortFinder.getNextAvailable());
             SamiStandIn sami = new SamiStandIn("s-key", "another-token").start(AvailablePortFinder.getNextAvailable())) {
            standIn.dropNextDrivesAfterBytes(0, 100); // every drive's socket drops: failures that carry the WssAddress
            StringBuffer output = new StringBuffer();
            // the vendors' tokens come by environment variables, as the README advises
            Process process = app.start(new CountDownLatch(1), List.of("-Dzego.app-id=98765", "-Dzego.server-secret=" + SECRET,
                    "-Dzego.task-id=good", "-Dzego.api-url=" + standIn.apiUrl(), "-Dmanagement.port=" + management,
                    "-Dvolc.tta-url=" + volc.ttaUrl(), "-Dsami.url=" + sami.url()),
                    Map.of("VOLC_APP_ID", "v-app", "VOLC_ACCESS_TOKEN", VOLC_TOKEN, "VOLC_ROLE", "r",
                            "SAMI_APPKEY", "s-key", "SAMI_TOKEN", SAMI_TOKEN), output);
            try {
                Path inbox = Files.createDirectories(data.resolve("inbox"));
                Files.createDirectories(inbox.resolve("unknown"));
                byte[] clip = TestClips.wav16(16000, TestClips.pcm16(16000, 0.5));
                Files.write(inbox.resolve("dropped.wav.part"), clip);
                Files.move(inbox.resolve("dropped.wav.part"), inbox.resolve("dropped.wav"));
                Files.write(inbox.resolve("unknown/a.wav.part"), clip);
                Files.move(inbox.resolve("unknown/a.wav.part"), inbox.resolve("unknown/a.wav"));
                for (String[] folder : new String[][] {{"volc", "drive.backend = volc-tta"},
                        {"voiced", "voice.speaker = zh_female_qingxin_stream"}}) {
                    Path task = Files.createDirectories(inbox.resolve(folder[0]));
                    Files.writeString(task.resolve(".drive.properties"), folder[1] + "\n");
                    Files.write(task.resolve("a.wav.part"), clip);
                    Files.move(task.resolve("a.wav.part"), task.resolve("a.wav"));
                }
                List<String> failures = List.of("dropped.wav", "unknown/a.wav", "volc/a.wav", "voiced/a.wav");
                await().atMost(Duration.ofSeconds(60)).until(() -> failures.stream()
                        .allMatch(f -> Files.exists(data.resolve("error/" + f + ".error.json"))));
                for (String f : failures) {
                    assertTrue(Files.exists(data.resolve("error/" + f + ".error.json")), f + " failed: " + output);
                }
                assertTrue(Files.exists(data.resolve("error/dropped.wav.error.json")), output.toString());
                String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + management + "/observe/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(metrics.contains("avatar_drive_failed_total"), metrics);

                StringBuilder everything = new StringBuilder(output).append(metrics);
                try (Stream<Path> files = Files.walk(data.resolve("error"))) {
                    for (Path f : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".json")).toList()) {
                        everything.append(Files.readString(f));
                    }
                }
                assertFalse(everything.toString().contains(SECRET), "the ServerSecret leaked");
                assertFalse(everything.toString().contains(VOLC_TOKEN), "the Volcengine access token leaked");
                assertFalse(everything.toString().contains(SAMI_TOKEN), "the SAMI token leaked");
                assertTrue(Files.readString(data.resolve("error/voiced/a.wav.error.json")).contains("40200002"),
                        "SAMI refused the token, so the environment variable reached it");
                assertFalse(TOKEN.matcher(everything).find(), "a drive Token leaked: " + TOKEN.matcher(everything).results()
                        .map(m -> m.group()).findFirst().orElse(""));
                assertTrue(everything.toString().contains("Could not drive dropped.wav"), "the failing run was not logged");
            } finally {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
                process.destroyForcibly();
            }
        }
    }
}
