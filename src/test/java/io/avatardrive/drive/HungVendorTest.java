package io.avatardrive.drive;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.standin.StandInDrive;
import io.avatardrive.support.DriveTestSupport;
import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A DriveByWsStream call that never answers is bounded by zego.api-timeout-ms and holds no other task's drive. */
class HungVendorTest extends DriveTestSupport {

    private static final String[] HUNG = {"hung-0", "hung-1", "hung-2", "hung-3", "hung-4", "hung-5", "hung-6",
        "hung-7", "hung-8", "hung-9"};

    @Override
    protected Map<String, String> properties() {
        Map<String, String> p = super.properties();
        p.put("zego.api-timeout-ms", "1500");
        p.put("drive.max-redeliveries", "1");
        p.put("drive.retry-delay-ms", "200");
        return p;
    }

    @Test
    void tenHungTasksNeverDelayAHealthyTasksFirstAudioByMoreThanASecond() throws Exception {
        standIn.hangTasks(HUNG);
        try {
            for (String task : HUNG) {
                drop(task + "/a.wav", TestClips.wav16(16000, TestClips.pcm16(16000, 0.2)));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> standIn.hungCalls() >= HUNG.length);

            long dropped = System.nanoTime();
            drop("healthy/a.wav", TestClips.wav16(16000, TestClips.pcm16(16000, 0.3)));
            JsonNode report = awaitDone("healthy/a.wav");
            StandInDrive heard = heardCompleted(report.get("driveId").asText());
            long firstAudioMs = TimeUnit.NANOSECONDS.toMillis(heard.playback().firstAudioAtNanos() - dropped);
            assertTrue(firstAudioMs < 1000, "the healthy task's first audio came " + firstAudioMs + " ms after its drop");

            JsonNode hung = awaitError("hung-0/a.wav");
            assertEquals("api", hung.get("stage").asText());
            assertTrue(hung.get("reason").asText().contains("no answer in time (zego.api-timeout-ms"), hung.toString());
        } finally {
            standIn.hangTasks();
        }
    }
}
