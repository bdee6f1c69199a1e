package io.avatardrive.inbox;

import java.nio.file.Files;
import java.nio.file.Path;
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

class InboxDriveTest extends DriveTestSupport {

    @Test
    void wav16kArrivesByteExactBetweenStartAndStop() throws Exception {
        byte[] pcm = TestClips.pcm16(16000, 1.0);
        drop("hello.wav", TestClips.wav16(16000, pcm));

        JsonNode report = awaitDone("hello.wav");
        StandInDrive heard = heardCompleted(report.get("driveId").asText());
        assertEquals(List.of("Start", "audio", "Stop"), heard.frames());
        assertEquals(List.of(), heard.violations());
        assertEquals(16000, heard.sampleRate());
        assertEquals(TestClips.sha256(pcm), heard.sha256());
        assertEquals(DEFAULT_TASK, heard.taskId());
        assertEquals(pcm.length, report.get("bytes").asLong());
        assertEquals(1000, report.get("audioMs").asLong());
        assertEquals(10, report.get("chunks").asLong());
        assertEquals(16000, report.get("sampleRate").asInt());
        assertTrue(Files.exists(settings.done().resolve("hello.wav")));
        assertFalse(Files.exists(settings.inbox().resolve("hello.wav")));
    }

    @Test
    void rawPcm24kInATaskFolderDrivesThatTaskAt24k() throws Exception {
        byte[] pcm = TestClips.pcm16(24000, 0.7);
        drop("task-b/hi.24000.pcm", pcm);

        JsonNode report = awaitDone("task-b/hi.24000.pcm");
        StandInDrive heard = heardCompleted(report.get("driveId").asText());
        assertEquals("task-b", heard.taskId());
        assertEquals("task-b", report.get("taskId").asText());
        assertEquals(24000, heard.sampleRate());
        assertEquals(TestClips.sha256(pcm), heard.sha256());
        assertEquals(List.of("Start", "audio", "Stop"), heard.frames());
        assertEquals(List.of(), heard.violations());
    }

    @Test
    void stereo44kWavIsConvertedAndDrivenAt24kMono() throws Exception {
        drop("cd.wav", TestClips.wav(44100, 16, 2, 1.5));

        JsonNode report = awaitDone("cd.wav");
        StandInDrive heard = heardCompleted(report.get("driveId").asText());
        assertEquals(24000, heard.sampleRate());
        assertEquals(1500, heard.playback().audioMs(), 10);
        assertEquals(72000, heard.bytes(), 480);
        assertEquals(List.of(), heard.violations());
    }

    @Test
    void pacedDriveHasNoUnderrunsAndStaysWithinLeadPlusOneChunk() throws Exception {
        drop("long.wav", TestClips.wav16(16000, TestClips.pcm16(16000, 3.0)));

        JsonNode report = awaitDone("long.wav");
        StandInDrive heard = heardCompleted(report.get("driveId").asText());
        assertEquals(0, heard.playback().underruns(), heard.toString());
        long leadPlusChunk = settings.leadMs() + settings.chunkMs();
        assertTrue(heard.playback().maxLeadMs() <= leadPlusChunk + 50, heard.toString());
        assertTrue(heard.playback().maxLeadMs() >= settings.leadMs(), "the lead was not sent at once: " + heard);
        // wall time from first audio to Stop is the audio time less the lead (and less the last chunk's length)
        long expectedWall = 3000 - leadPlusChunk;
        assertEquals(expectedWall, heard.playback().wallMs(), 150, heard.toString());
        assertTrue(report.get("maxLeadMs").asLong() <= leadPlusChunk + 50, report.toString());
    }

    @Test
    void notAudioAndEmptyFilesGoToErrorWithAReasonAndTheNextClipIsDriven() throws Exception {
        byte[] noise = new byte[5000];
        new java.util.Random(1).nextBytes(noise);
        drop("noise.wav", noise);
        drop("empty.wav", new byte[0]);
        drop("notes.docx", "hello".getBytes());

        JsonNode noiseError = awaitError("noise.wav");
        assertEquals("decode", noiseError.get("stage").asText());
        assertTrue(noiseError.get("reason").asText().startsWith("noise.wav: not a WAV"), noiseError.toString());
        JsonNode emptyError = awaitError("empty.wav");
        assertEquals("empty.wav: the file is empty", emptyError.get("reason").asText());
        JsonNode txtError = awaitError("notes.docx");
        assertTrue(txtError.get("reason").asText().contains("not a clip"), txtError.toString());
        assertTrue(Files.exists(settings.error().resolve("noise.wav")), "the input is kept");

        drop("after.wav", TestClips.wav16(16000, TestClips.pcm16(16000, 0.3)));
        assertEquals(9600, awaitDone("after.wav").get("bytes").asLong());
    }

    @Test
    void hiddenAndPartialFilesAreNeverPickedUp() throws Exception {
        Path part = settings.inbox().resolve("writing.wav.part");
        Path tmp = settings.inbox().resolve("writing.wav.tmp");
        Path hidden = settings.inbox().resolve(".hidden.wav");
        byte[] clip = TestClips.wav16(16000, TestClips.pcm16(16000, 0.2));
        Files.createDirectories(settings.inbox());
        Files.write(part, clip);
        Files.write(tmp, clip);
        Files.write(hidden, clip);
        drop("marker.wav", clip);
        awaitDone("marker.wav");
        // several polls after the marker was taken: skipped files are still where they were
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> Files.exists(part) && Files.exists(tmp) && Files.exists(hidden));
    }

    @Test
    void aClipWithTheNameOfAnEarlierResultDoesNotOverwriteIt() throws Exception {
        byte[] clip = TestClips.wav16(16000, TestClips.pcm16(16000, 0.2));
        drop("same.wav", clip);
        String first = awaitDone("same.wav").get("driveId").asText();
        drop("same.wav", clip);
        String second = awaitDone("same-2.wav").get("driveId").asText();
        assertFalse(first.equals(second), "a new DriveId for every drive");
        assertEquals(first, JSON.readTree(settings.done().resolve("same.wav.json").toFile()).get("driveId").asText());
        assertTrue(Files.exists(settings.done().resolve("same-2.wav")));
    }

    @Test
    void manyClipsLeaveNoSocketOrEndpointOpen() throws Exception {
        byte[] clip = TestClips.wav16(16000, TestClips.pcm16(16000, 0.1));
        for (int i = 0; i < 12; i++) {
            drop("t" + (i % 4) + "/c" + i + ".wav", clip);
        }
        for (int i = 0; i < 12; i++) {
            awaitDone("t" + (i % 4) + "/c" + i + ".wav");
        }
        await().alias("sockets still open at the stand-in").atMost(Duration.ofSeconds(5))
                .until(() -> standIn.openConnections() == 0);
    }
}
