package io.avatardrive.drive;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.standin.StandInDrive;
import io.avatardrive.support.DriveTestSupport;
import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConcurrentDrivesTest extends DriveTestSupport {

    private static final int DRIVES = 40;

    /** Threads the pipeline made for drives: starters and workers (the event loops are Vert.x's, a fixed few). */
    private static Set<String> driveThreads() {
        Set<String> names = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains("avatar-drive")) {
                names.add(t.getName());
            }
        }
        return names;
    }

    @Test
    void manyDrivesStreamAtOnceWithoutAThreadEach() throws Exception {
        byte[] wav = TestClips.wav16(16000, TestClips.pcm16(16000, 2.0));
        for (int i = 0; i < DRIVES; i++) {
            drop("many-" + i + "/clip.wav", wav);
        }
        // sample the threads while the drives stream
        Set<String> seen = new HashSet<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            seen.addAll(driveThreads());
            return standIn.drives().stream().filter(d -> d.taskId().startsWith("many-"))
                    .filter(d -> d.playback().firstAudioAtNanos() > 0).count() == DRIVES;
        });
        // and on, until every one of them has streamed a second of its audio
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            seen.addAll(driveThreads());
            return standIn.drives().stream().filter(d -> d.taskId().startsWith("many-"))
                    .filter(d -> d.bytes() >= 32_000).count() == DRIVES;
        });
        for (int i = 0; i < DRIVES; i++) {
            JsonNode report = awaitDone("many-" + i + "/clip.wav");
            StandInDrive heard = heardCompleted(report.get("driveId").asText());
            assertEquals(List.of(), heard.violations());
            assertEquals(0, heard.playback().underruns(), heard.toString());
        }
        assertTrue(seen.size() < DRIVES / 2, DRIVES + " drives streamed with " + seen.size() + " threads: " + seen);
    }
}
