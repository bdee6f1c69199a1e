package io.avatardrive.drive;

import io.avatardrive.support.DriveTestSupport;
import io.avatardrive.support.TestClips;
import io.avatardrive.zego.ZegoReturnCodes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ApiRetryTest extends DriveTestSupport {

    @Test
    void aBusyApiIsRetriedWithAFreshSignatureAndTheClipIsDrivenOnce() throws Exception {
        standIn.failNextCalls(ZegoReturnCodes.SYSTEM_BUSY, 2);
        drop("busy/a.wav", TestClips.wav16(16000, TestClips.pcm16(16000, 0.3)));

        heardCompleted(awaitDone("busy/a.wav").get("driveId").asText());
        assertEquals(1, standIn.completedDrives().stream().filter(d -> d.taskId().equals("busy")).count());
        assertEquals(2, standIn.answers().getOrDefault(ZegoReturnCodes.SYSTEM_BUSY, 0), "both busy answers were given");
    }

    @Test
    void anExpiredSignatureIsRetriedAtOnceWithAFreshOne() throws Exception {
        standIn.failNextCalls(ZegoReturnCodes.SIGNATURE_EXPIRED, 1);
        drop("expired/a.wav", TestClips.wav16(16000, TestClips.pcm16(16000, 0.2)));

        heardCompleted(awaitDone("expired/a.wav").get("driveId").asText());
        assertEquals(1, standIn.completedDrives().stream().filter(d -> d.taskId().equals("expired")).count());
        assertEquals(1, standIn.answers().getOrDefault(ZegoReturnCodes.SIGNATURE_EXPIRED, 0));
    }

    @Test
    void manyClipsDroppedAtOnceNeverExceedTheApiRateLimit() throws Exception {
        byte[] clip = TestClips.wav16(16000, TestClips.pcm16(16000, 0.1));
        for (int i = 0; i < 25; i++) {
            drop("rate-" + i + "/a.wav", clip);
        }
        for (int i = 0; i < 25; i++) {
            awaitDone("rate-" + i + "/a.wav");
        }
        assertFalse(standIn.answers().containsKey(ZegoReturnCodes.QPS_LIMIT),
                "the stand-in answered 400010009: " + standIn.answers() + " " + standIn.violations());
    }
}
