package io.avatardrive.drive;

import java.util.Map;

import io.avatardrive.standin.ZegoStandIn;
import io.avatardrive.support.TemplateDrives;
import io.avatardrive.support.TestClips;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An avatar side that stops reading: the drive gives up after drive.stall-timeout-ms instead of hanging its task. */
class StallTest {

    @Test
    void aSocketThatStopsReadingFailsTheDriveAfterTheStallTimeout() throws Exception {
        String secret = "stallsecret0123456789abcdef01234";
        try (ZegoStandIn standIn = new ZegoStandIn("4321", secret).receiveBufferBytes(8192)
                .start(AvailablePortFinder.getNextAvailable())) {
            standIn.stallNextDrives(1);
            long start = System.nanoTime();
            Object outcome = TemplateDrives.driveOnce(standIn, "4321", secret, Map.of(
                    "zego.task-id", "stall-task",
                    "drive.chunk-ms", "1000",
                    "drive.lead-ms", "600000", // all of it at once: more than the socket buffers hold
                    "drive.stall-timeout-ms", "1500"), TestClips.pcm16(24000, 120), 24000);
            long ms = (System.nanoTime() - start) / 1_000_000L;

            FailureReport failure = assertInstanceOf(FailureReport.class, outcome);
            assertEquals(Stage.STREAM, failure.stage());
            assertTrue(failure.reason().contains("stalled"), failure.reason());
            assertTrue(failure.isTransient(), "a stall is retried like any socket failure");
            // the stalled write gives up after 1.5 s, and Stop, which the stalled reader cannot take, after 1.5 s more
            // (plus a context started and a drive begun: 4.2 s here, not the 30 s this bound once allowed)
            assertTrue(ms < 1500 * 2 + 3000, "the drive hung for " + ms + " ms, with a 1500 ms stall timeout");
        }
    }
}
