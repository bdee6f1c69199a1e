package io.avatardrive.drive;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.standin.StandInDrive;
import io.avatardrive.support.DriveTestSupport;
import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.Duration;
import static org.awaitility.Awaitility.await;

class SocketFaultTest extends DriveTestSupport {

    private static List<StandInDrive> issuedFor(String task) {
        return standIn.drives().stream().filter(d -> d.taskId().equals(task)).toList();
    }

    @Test
    void aRefusedConnectionIsRetriedWithANewDriveId() throws Exception {
        standIn.refuseNextConnections(1);
        byte[] pcm = TestClips.pcm16(16000, 0.5);
        drop("refused/a.wav", TestClips.wav16(16000, pcm));

        JsonNode report = awaitDone("refused/a.wav");
        List<StandInDrive> issued = issuedFor("refused");
        assertEquals(2, issued.size(), "one DriveId per attempt");
        assertFalse(issued.get(0).driveId().equals(issued.get(1).driveId()));
        assertEquals(issued.get(1).driveId(), report.get("driveId").asText());
        assertEquals(TestClips.sha256(pcm), heardCompleted(report.get("driveId").asText()).sha256());
    }

    @Test
    void aSocketDroppedMidDriveIsDrivenAgainFromTheStartWithANewDriveId() throws Exception {
        standIn.dropNextDrivesAfterBytes(16000, 1);
        byte[] pcm = TestClips.pcm16(16000, 1.5);
        drop("dropped/a.wav", TestClips.wav16(16000, pcm));

        JsonNode report = awaitDone("dropped/a.wav");
        List<StandInDrive> issued = issuedFor("dropped");
        assertEquals(2, issued.size());
        assertFalse(issued.get(0).completed(), "the dropped drive never saw Stop");
        StandInDrive second = heardCompleted(report.get("driveId").asText());
        assertEquals(TestClips.sha256(pcm), second.sha256(), "the retry must send the clip from its start");
        assertEquals(List.of(), second.violations());
    }

    @Test
    void aSocketThatKeepsDroppingEndsInErrorAfterBoundedRetriesAndTheNextClipIsDriven() throws Exception {
        standIn.dropNextDrivesAfterBytes(3200, 4); // the first attempt and settings' 3 retries
        byte[] clip = TestClips.wav16(16000, TestClips.pcm16(16000, 1.0));
        drop("flaky/a.wav", clip);

        JsonNode error = awaitError("flaky/a.wav");
        assertEquals("stream", error.get("stage").asText());
        assertTrue(error.get("reason").asText().startsWith("flaky/a.wav: the drive socket failed while streaming"),
                error.toString());
        assertTrue(error.get("reason").asText().contains("closed by the peer (close code 1011, reason 'stand-in dropped"
                                                         + " the drive')"), error.toString());
        assertFalse(error.toString().contains("Token="), "a drive token leaked into the report: " + error);
        assertEquals(4, issuedFor("flaky").size());

        drop("flaky/b.wav", clip);
        awaitDone("flaky/b.wav");
        await().atMost(Duration.ofSeconds(5)).until(() -> standIn.openConnections() == 0);
    }
}
