package io.avatardrive.route;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        ClipArchive archive = new ClipArchive(dir.resolve("inbox"), dir.resolve("done"), dir.resolve("error"));
        Path target = archive.archive(new FailureReport("t/a.wav", "t", Stage.API, FailureReport.ZEGO, 400000005L, "no task", "t/a.wav: gone"), "t/a.wav");
        assertEquals(dir.resolve("error/t/a.wav"), target);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("error/t/a.wav.error.json").toFile());
        assertEquals("api", json.get("stage").asText());
        assertEquals(400000005L, json.get("code").asLong());
        assertEquals("t/a.wav: gone", json.get("reason").asText());
    }

    @Test
    void anEarlierResultIsNeverOverwritten() throws Exception {
        ClipArchive archive = new ClipArchive(dir.resolve("inbox"), dir.resolve("done"), dir.resolve("error"));
        DriveReport report = new DriveReport("a.24000.pcm", "t", "zego", "d1", 24000, 10, 1, 1, "s", "f", 1, 1, null, "none");
        Files.createDirectories(dir.resolve("done"));
        Files.writeString(dir.resolve("done/a.24000.pcm"), "earlier clip");
        Path target = archive.archive(report, "a.24000.pcm");
        assertEquals(dir.resolve("done/a-2.24000.pcm"), target);
        assertFalse(Files.exists(dir.resolve("done/a.24000.pcm.json")));
        assertEquals("earlier clip", Files.readString(dir.resolve("done/a.24000.pcm")));
    }

    @Test
    void aNameCannotEscapeTheArchive() {
        ClipArchive archive = new ClipArchive(dir.resolve("inbox"), dir.resolve("done"), dir.resolve("error"));
        DriveReport report = new DriveReport("x", "t", "zego", "d1", 16000, 10, 1, 1, "s", "f", 1, 1, null, "none");
        assertThrows(java.io.IOException.class, () -> archive.archive(report, "../../etc/x.wav"));
    }

    @Test
    void clipsCutShortByAShutdownAreHandedBackToTheInbox() throws Exception {
        ClipArchive archive = new ClipArchive(dir.resolve("inbox"), dir.resolve("done"), dir.resolve("error"));
        Path kept = archive.resume("t/a.wav");
        Files.writeString(kept, "clip");
        assertEquals(1, ClipArchive.handBack(dir.resolve("inbox")));
        assertEquals("clip", Files.readString(dir.resolve("inbox/t/a.wav")));
    }
}
