package io.avatardrive.inbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.drive.DriveReport;
import io.avatardrive.drive.Outcome;
import io.avatardrive.support.DriveTestSupport;
import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DrivenClipLogTest extends DriveTestSupport {

    @Test
    void aClipRecordedAsDrivenBeforeACrashIsFiledWithItsReportAndNotSpokenAgain() throws Exception {
        // as a crash right after Stop leaves it: the drive is logged, the clip still lies in the inbox
        Path staged = Files.write(settings.inbox().getParent().resolve("crash.wav"),
                TestClips.wav16(16000, TestClips.pcm16(16000, 0.3)));
        Path target = settings.inbox().resolve("crashed/a.wav");
        DriveReport earlier = new DriveReport(Outcome.DRIVEN, "crashed/a.wav", "crashed", "zego", "drive-before-the-crash", null, null, 16000, 9600, 300,
                3, "2026-11-23T00:00:00Z", "2026-11-23T00:00:01Z", 1000, 400, null, null, null, "none", null);
        context.getRegistry().lookupByNameAndType("drivenClips", DrivenClipLog.class).record(
                DrivenClipLog.key(target.toString(), Files.size(staged), Files.getLastModifiedTime(staged).toMillis()), earlier);
        Files.createDirectories(target.getParent());
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);

        JsonNode report = awaitDone("crashed/a.wav");
        assertEquals("drive-before-the-crash", report.get("driveId").asText());
        assertTrue(standIn.drives().stream().noneMatch(d -> d.taskId().equals("crashed")), "the clip was spoken again");
    }

    @Test
    void aDrivenClipIsRecordedAndTheSameNameWithNewContentIsStillDriven() throws Exception {
        drop("again/a.wav", TestClips.wav16(16000, TestClips.pcm16(16000, 0.2)));
        String first = awaitDone("again/a.wav").get("driveId").asText();
        drop("again/a.wav", TestClips.wav16(16000, TestClips.pcm16(16000, 0.3)));
        String second = awaitDone("again/a-2.wav").get("driveId").asText();
        assertTrue(!first.equals(second));
        assertEquals(2, standIn.completedDrives().stream().filter(d -> d.taskId().equals("again")).count());
    }
}
