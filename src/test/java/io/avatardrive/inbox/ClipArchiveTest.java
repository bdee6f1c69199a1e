package io.avatardrive.inbox;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.drive.DriveReport;
import io.avatardrive.drive.Outcome;
import io.avatardrive.drive.FailureReport;
import io.avatardrive.drive.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClipArchiveTest {

    @TempDir
    Path dir;

    @Test
    void failureReportNamesStageCodeAndReason() throws Exception {
        ClipArchive archive = new ClipArchive(dir.resolve("done"), dir.resolve("error"), new DrivenClipLog(dir.resolve("driven.log")));
        Path target = archive.archive(new FailureReport("t/a.wav", "t", Stage.API, "zego", 400000005L, "no task", "t/a.wav: gone"), "t/a.wav");
        assertEquals(dir.resolve("error/t/a.wav"), target);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("error/t/a.wav.error.json").toFile());
        assertEquals("api", json.get("stage").asText());
        assertEquals(400000005L, json.get("code").asLong());
        assertEquals("t/a.wav: gone", json.get("reason").asText());
    }

    @Test
    void anEarlierResultIsNeverOverwritten() throws Exception {
        ClipArchive archive = new ClipArchive(dir.resolve("done"), dir.resolve("error"), new DrivenClipLog(dir.resolve("driven.log")));
        DriveReport report = new DriveReport(Outcome.DRIVEN, "a.24000.pcm", "t", "zego", "d1", null, null, 24000, 10, 1, 1, "s", "f", 1, 1, null, null, null, "none", null);
        Files.createDirectories(dir.resolve("done"));
        Files.writeString(dir.resolve("done/a.24000.pcm"), "earlier clip");
        Path target = archive.archive(report, "a.24000.pcm");
        assertEquals(dir.resolve("done/a-2.24000.pcm"), target);
        assertFalse(Files.exists(dir.resolve("done/a.24000.pcm.json")));
        assertEquals("earlier clip", Files.readString(dir.resolve("done/a.24000.pcm")));
    }

    @Test
    void aNameCannotEscapeTheArchive() {
        ClipArchive archive = new ClipArchive(dir.resolve("done"), dir.resolve("error"), new DrivenClipLog(dir.resolve("driven.log")));
        DriveReport report = new DriveReport(Outcome.DRIVEN, "x", "t", "zego", "d1", null, null, 16000, 10, 1, 1, "s", "f", 1, 1, null, null, null, "none", null);
        assertThrows(java.io.IOException.class, () -> archive.archive(report, "../../etc/x.wav"));
    }
}
