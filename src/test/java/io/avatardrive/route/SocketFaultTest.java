package io.avatardrive.route;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.standin.StandInDrive;
import io.avatardrive.support.DriveTestSupport;
import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SocketFaultTest extends DriveTestSupport {

    @Test
    void aSocketDroppedMidDriveFailsTheClipAtTheStreamStageAndTheNextIsDriven() throws Exception {
        standIn.dropNextDriveAfterBytes(16000);
        byte[] clip = TestClips.wav16(16000, TestClips.pcm16(16000, 1.5));
        drop("t/dropped.wav", clip);

        JsonNode error = awaitError("t/dropped.wav");
        assertEquals("stream", error.get("stage").asText());
        assertTrue(error.get("reason").asText().startsWith("t/dropped.wav: "), error.toString());
        assertFalse(error.toString().contains("Token="), "a drive token leaked into the report: " + error);
        StandInDrive dropped = standIn.drives().stream().filter(d -> d.taskId().equals("t")).findFirst().orElseThrow();
        assertFalse(dropped.completed(), "the stand-in should not have seen a Stop");

        drop("t/next.wav", clip);
        JsonNode report = awaitDone("t/next.wav");
        assertEquals(List.of(), heardCompleted(report.get("driveId").asText()).violations());
        Thread.sleep(200);
        assertEquals(0, standIn.openConnections());
    }
}
