package io.avatardrive;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.standin.ZegoStandIn;
import io.avatardrive.support.TestClips;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The application as a child process, stopped by SIGTERM or killed with SIGKILL in the middle of a drive. */
public class ProcessLifecycleTest {

    @TempDir
    public Path data;

    private Process start(CountDownLatch driving) throws Exception {
        return start(driving, List.of(), new StringBuffer());
    }

    Process start(CountDownLatch driving, List<String> settings, StringBuffer output) throws Exception {
        return start(driving, settings, java.util.Map.of(), output);
    }

    /** The application started with its data in {@code data}, as {@link #start(CountDownLatch, List, java.util.Map, StringBuffer)}. */
    public static Process startIn(Path data, List<String> settings, java.util.Map<String, String> environment,
                                  StringBuffer output) throws Exception {
        ProcessLifecycleTest app = new ProcessLifecycleTest();
        app.data = data;
        return app.start(new CountDownLatch(1), settings, environment, output);
    }

    /**
     * Starts the application with these extra -D settings and environment variables; its whole output is collected in
     * {@code output}.
     */
    public Process start(CountDownLatch driving, List<String> settings, java.util.Map<String, String> environment,
                  StringBuffer output) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dmanagement.port=" + AvailablePortFinder.getNextAvailable(),
                "-Dingress.port=" + AvailablePortFinder.getNextAvailable(),
                "-Dbroker.port=" + AvailablePortFinder.getNextAvailable(),
                "-Dbroker.data=" + data.resolve("broker"),
                "-Ddrive.inbox=" + data.resolve("inbox"),
                "-Ddrive.done=" + data.resolve("done"),
                "-Ddrive.error=" + data.resolve("error"),
                "-Ddrive.spool=" + data.resolve("spool"),
                "-Ddrive.driven-messages=" + data.resolve("driven.txt"),
                "-Ddrive.driven-clips=" + data.resolve("driven-clips.log"),
                "-Ddrive.lead-ms=200",
                "-Ddrive.settle-ms=200",
                "-Ddrive.retry-delay-ms=50",
                // a stop waits for the queue consumers' receives: short ones keep the tests' stops quick
                "-Ddrive.queue-receive-timeout-ms=1000"));
        command.addAll(settings);
        command.add(AvatarDriveMain.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File(".")).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    output.append(line).append('\n');
                    if (line.contains("DriveSteps - Driving ")) {
                        driving.countDown();
                    }
                }
            } catch (Exception ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    private Path dropClip(double seconds) throws Exception {
        Path inbox = Files.createDirectories(data.resolve("inbox"));
        Path part = inbox.resolve("speech.wav.part");
        Files.write(part, TestClips.wav16(16000, TestClips.pcm16(16000, seconds)));
        return Files.move(part, inbox.resolve("speech.wav"));
    }

    @Test
    void sigtermMidDriveExitsPromptlyAndKeepsTheClipForTheNextStart() throws Exception {
        CountDownLatch driving = new CountDownLatch(1);
        Process process = start(driving);
        try {
            dropClip(5.0);
            assertTrue(driving.await(60, TimeUnit.SECONDS), "the clip was never driven");
            long stopAsked = System.nanoTime();
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "no exit within the shutdown timeout");
            assertTrue(System.nanoTime() - stopAsked < TimeUnit.SECONDS.toNanos(10), "the drive held the exit up");
            assertTrue(Files.exists(data.resolve("inbox/speech.wav")), "the clip is not kept for the next start");
            assertFalse(Files.exists(data.resolve("error/speech.wav.error.json")), "a shutdown is not the clip's failure");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void killMidDriveThenRestartDrivesTheClipAgainFromItsStartExactlyOnceToDone() throws Exception {
        try (io.avatardrive.standin.ZegoStandIn standIn = new io.avatardrive.standin.ZegoStandIn("5556",
                "killsecret0123456789abcdef012345").start(AvailablePortFinder.getNextAvailable())) {
            List<String> settings = List.of("-Dzego.app-id=5556", "-Dzego.server-secret=killsecret0123456789abcdef012345",
                    "-Dzego.task-id=t", "-Dzego.api-url=" + standIn.apiUrl());
            Process first = start(new CountDownLatch(1), settings, new StringBuffer());
            dropClip(2.0);
            try {
                // killed once the avatar has heard some of the clip's audio, before its end
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                        .until(() -> standIn.drives().stream().anyMatch(d -> d.bytes() > 0));
            } finally {
                first.destroyForcibly(); // SIGKILL: no Stop, no move
                first.waitFor(10, TimeUnit.SECONDS);
            }
            assertTrue(Files.exists(data.resolve("inbox/speech.wav")), "the clip left the inbox without being driven");
            assertFalse(Files.exists(data.resolve("done/speech.wav.json")));
            assertFalse(Files.exists(data.resolve("error/speech.wav")), "a kill is not the clip's failure");
            assertTrue(standIn.drives().get(0).bytes() < 64000, "the kill landed mid-drive");

            Process second = start(new CountDownLatch(1), settings, new StringBuffer());
            try {
                Path report = data.resolve("done/speech.wav.json");
                await().alias("the clip was not driven after the restart").atMost(Duration.ofSeconds(60))
                        .until(() -> Files.exists(report));
                assertEquals(64000, new ObjectMapper().readTree(report.toFile()).get("bytes").asLong());
                // exactly once, counted where it is spoken: one whole drive at the avatar, after the cut one
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                        standIn.completedDrives().size() == 1 && standIn.completedDrives().get(0).bytes() == 64000);
                assertEquals(2, standIn.drives().size(), "the cut drive and the one that spoke the clip whole");
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
                second.destroyForcibly();
            }
        }
    }

    @Test
    void aShutdownShorterThanTheDriveSendsStopAndHandsTheClipBackAtTheNextStart() throws Exception {
        try (io.avatardrive.standin.ZegoStandIn standIn = new io.avatardrive.standin.ZegoStandIn("5555",
                "shutdownsecret0123456789abcdef01").start(AvailablePortFinder.getNextAvailable())) {
            List<String> settings = List.of("-Dzego.app-id=5555", "-Dzego.server-secret=shutdownsecret0123456789abcdef01",
                    "-Dzego.task-id=t", "-Dzego.api-url=" + standIn.apiUrl(), "-Ddrive.shutdown-timeout-ms=500");
            CountDownLatch driving = new CountDownLatch(1);
            StringBuffer output = new StringBuffer();
            Process first = start(driving, settings, output);
            try {
                dropClip(6.0);
                assertTrue(driving.await(60, TimeUnit.SECONDS), "the clip was never driven");
                // well into the drive: some of its audio has reached the avatar
                await().atMost(Duration.ofSeconds(10)).until(() -> standIn.drives().stream().anyMatch(d -> d.bytes() > 0));
                long stopAsked = System.nanoTime();
                first.destroy(); // SIGTERM
                assertTrue(first.waitFor(20, TimeUnit.SECONDS), "no exit after SIGTERM");
                assertTrue(System.nanoTime() - stopAsked < TimeUnit.SECONDS.toNanos(15), "the exit took too long");
            } finally {
                first.destroyForcibly();
            }
            assertTrue(standIn.awaitCompleted(1, Duration.ofSeconds(5)), "the cut-short drive never sent Stop: " + standIn.drives());
            assertTrue(standIn.completedDrives().get(0).bytes() < 192000, "the drive was not cut short");
            assertFalse(Files.exists(data.resolve("error/speech.wav.error.json")), "a shutdown is not the clip's failure");

            Process second = start(new CountDownLatch(1), settings, new StringBuffer());
            try {
                Path report = data.resolve("done/speech.wav.json");
                await().alias("the clip was not handed back and driven after the restart").atMost(Duration.ofSeconds(60))
                        .until(() -> Files.exists(report));
                assertEquals(192000, new ObjectMapper().readTree(report.toFile()).get("bytes").asLong());
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
                second.destroyForcibly();
            }
        }
    }

    @Test
    void sigtermWhileClipsWaitOnAHungApiLeavesEachInTheInboxOrInErrorWithAReportAndNothingHidden() throws Exception {
        try (io.avatardrive.standin.ZegoStandIn standIn = new io.avatardrive.standin.ZegoStandIn("5555",
                "shutdownsecret0123456789abcdef01").start(AvailablePortFinder.getNextAvailable())) {
            standIn.hangTasks("t");
            List<String> settings = List.of("-Dzego.app-id=5555", "-Dzego.server-secret=shutdownsecret0123456789abcdef01",
                    "-Dzego.task-id=t", "-Dzego.api-url=" + standIn.apiUrl(), "-Ddrive.shutdown-timeout-ms=500",
                    "-Dzego.api-timeout-ms=60000");
            StringBuffer output = new StringBuffer();
            Process process = start(new CountDownLatch(1), settings, output);
            List<String> clips = List.of("one.wav", "two.wav", "three.wav");
            try {
                Path inbox = Files.createDirectories(data.resolve("inbox"));
                for (String clip : clips) {
                    Files.write(inbox.resolve(clip), TestClips.wav16(16000, TestClips.pcm16(16000, 0.2)));
                }
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> standIn.hungCalls() >= 1);
                process.destroy(); // SIGTERM
                assertTrue(process.waitFor(30, TimeUnit.SECONDS), "no exit after SIGTERM");
            } finally {
                process.destroyForcibly();
            }
            for (String clip : clips) {
                boolean inInbox = Files.exists(data.resolve("inbox").resolve(clip));
                boolean filed = Files.exists(data.resolve("error").resolve(clip))
                                && Files.exists(data.resolve("error").resolve(clip + ".error.json"));
                assertTrue(inInbox || filed, clip + " is neither back in the inbox nor in error/ with a report: " + output);
            }
            try (var all = Files.walk(data.resolve("inbox"))) {
                List<Path> hidden = all.filter(p -> p.getFileName().toString().startsWith(".")).toList();
                assertEquals(List.of(), hidden, "clips were left in hidden folders");
            }
        }
    }
}
