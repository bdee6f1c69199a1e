package io.avatardrive.inbox;

import java.util.ArrayList;
import java.util.List;

import io.avatardrive.standin.StandInDrive;
import io.avatardrive.support.DriveTestSupport;
import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskOrderingTest extends DriveTestSupport {

    @Test
    void threeClipsForOneTaskNeverOverlapAndKeepTheirOrder() throws Exception {
        byte[] clip = TestClips.wav16(16000, TestClips.pcm16(16000, 0.6));
        // arrival order is modification time, then name: three drops in a row are ordered either way
        drop("solo/1.wav", clip);
        drop("solo/2.wav", clip);
        drop("solo/3.wav", clip);

        List<StandInDrive> drives = new ArrayList<>();
        for (String name : List.of("1", "2", "3")) {
            drives.add(heardCompleted(awaitDone("solo/" + name + ".wav").get("driveId").asText()));
        }
        for (int i = 1; i < drives.size(); i++) {
            assertTrue(drives.get(i).connectedAtNanos() >= drives.get(i - 1).closedAtNanos(),
                    "drive " + (i + 1) + " connected before drive " + i + " closed");
        }
        assertEquals(List.of(), standIn.violations());
    }

    @Test
    void clipsForTwoTasksDriveAtTheSameTime() throws Exception {
        byte[] clip = TestClips.wav16(16000, TestClips.pcm16(16000, 1.5));
        drop("left/a.wav", clip);
        drop("right/a.wav", clip);

        StandInDrive left = heardCompleted(awaitDone("left/a.wav").get("driveId").asText());
        StandInDrive right = heardCompleted(awaitDone("right/a.wav").get("driveId").asText());
        assertTrue(left.connectedAtNanos() < right.closedAtNanos() && right.connectedAtNanos() < left.closedAtNanos(),
                "the two tasks were driven one after the other");
    }
}
