package io.avatardrive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The application's log, read as an operator reads it: a file name cannot write a line of its own into it. */
class LogForgingTest {

    private static final String FORGED = "12:00:00.000 INFO  [main] DriveSteps - Drove forged.wav";

    @Test
    void aFileNameWithANewlineAndAnEscapeCannotForgeOrColourALogLine() throws Exception {
        ProcessLifecycleTest app = new ProcessLifecycleTest();
        Path data = Files.createTempDirectory("forging");
        app.data = data;
        StringBuffer output = new StringBuffer();
        Process process = app.start(new CountDownLatch(1), List.of(), output);
        try {
            Path inbox = Files.createDirectories(data.resolve("inbox"));
            String name = "evil\n" + FORGED + "\u001b[31m.wav";
            Files.write(inbox.resolve(name + ".part"), TestClips.wav16(16000, TestClips.pcm16(16000, 0.2)));
            Files.move(inbox.resolve(name + ".part"), inbox.resolve(name));
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(data.resolve("done").resolve(name + ".json")));
            await().atMost(Duration.ofSeconds(10)).until(() -> output.toString().contains("Drove evil"));
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
        List<String> lines = output.toString().lines().toList();
        assertFalse(lines.stream().anyMatch(l -> l.startsWith(FORGED)), "a forged line:\n" + output);
        assertFalse(output.toString().contains("\u001b"), "a raw escape reached the log");
        assertTrue(lines.stream().anyMatch(l -> l.contains("Drove evil\\n" + FORGED + "?[31m.wav")),
                "the name is not shown escaped:\n" + output);
    }
}
