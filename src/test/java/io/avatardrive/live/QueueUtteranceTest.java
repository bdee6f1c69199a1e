package io.avatardrive.live;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.standin.StandInDrive;
import io.avatardrive.support.LiveTestSupport;
import io.avatardrive.support.TestClips;
import jakarta.jms.Message;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Utterances published on the queue piece by piece: one drive each, from the first piece, in order, to the last byte. */
class QueueUtteranceTest extends LiveTestSupport {

    /** A task of each test's own, so that no test depends on what another left on its task. */
    private static final AtomicInteger TASKS = new AtomicInteger();
    private final String task = "queue-live-" + TASKS.incrementAndGet();

    @Test
    void piecesOfOddLengthsDriveOneDriveThatStartsBeforeTheLastPieceIsPublished() throws Exception {
        byte[] pcm = TestClips.pcm16(16000, 1.0);
        try (Pieces tts = pieces()) {
            // pieces of 3201 bytes: every other piece splits a sample across two messages
            int piece = 3201;
            int seq = 0;
            for (int at = 0; at < pcm.length; at += piece, seq++) {
                byte[] part = Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + piece));
                tts.send("u-1", seq, false, part, seq == 0
                        ? Map.of("TaskId", task, "SampleRate", 16000, "ClipName", "hello-utterance") : Map.of());
                if (seq == 2) {
                    // the avatar is already speaking while the TTS is still producing
                    await().atMost(Duration.ofSeconds(5)).until(() -> standIn.drives().stream()
                            .anyMatch(d -> task.equals(d.taskId()) && d.bytes() > 0));
                }
                Thread.sleep(30);
            }
            tts.send("u-1", seq, true, new byte[0], Map.of());
        }
        JsonNode report = receiveReports(1, 15_000).get(0);
        assertEquals("driven", report.path("outcome").asText(), report.toString());
        assertEquals("hello-utterance", report.path("file").asText());
        assertEquals(pcm.length, report.path("bytes").asLong());
        assertTrue(report.has("firstPcmMs") && report.has("starvedMs"), report.toString());
        StandInDrive drive = heardCompleted(report.path("driveId").asText());
        assertEquals(TestClips.sha256(pcm), drive.sha256(), "every byte, in order, with split samples whole");
        assertEquals(List.of("Start", "audio", "Stop"), drive.frames());
        assertEquals(1, standIn.drives().stream().filter(d -> task.equals(d.taskId())).count(), "one DriveId per utterance");
    }

    @Test
    void piece0MayStartWithAWavHeaderWhoseLengthsAreUnknown() throws Exception {
        byte[] pcm = TestClips.pcm16(24000, 0.5);
        byte[] wav = TestClips.wav16(24000, pcm);
        // as streaming TTS engines write it: the RIFF and data lengths are 0xFFFFFFFF
        Arrays.fill(wav, 4, 8, (byte) 0xFF);
        Arrays.fill(wav, 40, 44, (byte) 0xFF);
        try (Pieces tts = pieces()) {
            tts.send("u-wav", 0, false, Arrays.copyOfRange(wav, 0, 44 + 4800), Map.of("TaskId", task));
            tts.send("u-wav", 1, true, Arrays.copyOfRange(wav, 44 + 4800, wav.length), Map.of());
        }
        JsonNode report = receiveReports(1, 15_000).get(0);
        assertEquals("driven", report.path("outcome").asText(), report.toString());
        assertEquals(24000, report.path("sampleRate").asInt());
        assertEquals(TestClips.sha256(pcm), heardCompleted(report.path("driveId").asText()).sha256());
    }

    @Test
    void aSkippedSeqCutsTheUtteranceAndTheMisplacedPieceIsDeadLetteredWithItsReason() throws Exception {
        byte[] pcm = TestClips.pcm16(16000, 0.2);
        try (Pieces tts = pieces()) {
            tts.send("u-skip", 0, false, pcm, Map.of("TaskId", task, "SampleRate", 16000));
            tts.send("u-skip", 2, false, pcm, Map.of("TaskId", task));
        }
        JsonNode report = receiveReports(1, 15_000).get(0);
        assertEquals("cut", report.path("outcome").asText(), report.toString());
        assertTrue(report.path("reason").asText().contains("piece 1 is missing"), report.toString());
        StandInDrive drive = heardCompleted(report.path("driveId").asText());
        assertEquals(List.of("Start", "audio", "Stop"), drive.frames(), "Stop after what arrived");
        Message dead = receive(brokerSettings.deadLetterQueue(), 1, 10_000).get(0);
        assertEquals("utterance", dead.getStringProperty("DriveStage"));
        assertTrue(dead.getStringProperty("DriveReason").contains("piece 2 came where piece 1 was due"),
                dead.getStringProperty("DriveReason"));
    }

    @Test
    void aPieceForAnUtteranceThatNeverStartedIsDeadLetteredAndTheNextClipIsDriven() throws Exception {
        try (Pieces tts = pieces()) {
            tts.send("u-ghost", 3, false, new byte[320], Map.of("TaskId", task));
        }
        Message dead = receive(brokerSettings.deadLetterQueue(), 1, 10_000).get(0);
        assertTrue(dead.getStringProperty("DriveReason").contains("u-ghost: piece 3 is for an utterance that never started"),
                dead.getStringProperty("DriveReason"));
        publish(TestClips.pcm16(16000, 0.2), task, 16000, "after-the-ghost.pcm");
        assertEquals("driven", receiveReports(1, 15_000).get(0).path("outcome").asText());
    }

    @Test
    void piece0SentTwiceIsDeadLetteredAndTheUtteranceIsSpokenOnceWithItsReportsProperties() throws Exception {
        byte[] pcm = TestClips.pcm16(16000, 0.2);
        try (Pieces tts = pieces()) {
            tts.send("u-twice", 0, false, pcm, Map.of("TaskId", task, "SampleRate", 16000));
            tts.send("u-twice", 0, false, pcm, Map.of("TaskId", task, "SampleRate", 16000));
            tts.send("u-twice", 1, true, pcm, Map.of());
        }
        Message dead = receive(brokerSettings.deadLetterQueue(), 1, 10_000).get(0);
        assertEquals("utterance", dead.getStringProperty("DriveStage"));
        assertTrue(dead.getStringProperty("DriveReason").contains("u-twice: piece 0 came again"),
                dead.getStringProperty("DriveReason"));
        Message result = receive(brokerSettings.resultsQueue(), 1, 15_000).get(0);
        JsonNode report = JSON.readTree(((jakarta.jms.TextMessage) result).getText());
        assertEquals("driven", report.path("outcome").asText(), report.toString());
        assertEquals("u-twice", result.getStringProperty("UtteranceId"));
        assertEquals(task, result.getStringProperty("TaskId"));
        assertEquals(report.path("driveId").asText(), result.getStringProperty("DriveId"));
        assertEquals(pcm.length * 2L, heardCompleted(report.path("driveId").asText()).bytes(),
                "the first piece 0 and piece 1, once each");
    }

    @Test
    void aPieceOver4MbIsDeadLetteredWithItsSizeAndNotHeldWhole() throws Exception {
        try (Pieces tts = pieces()) {
            tts.send("u-huge", 0, false, TestClips.pcm16(16000, 0.2), Map.of("TaskId", task, "SampleRate", 16000));
            tts.send("u-huge", 1, true, new byte[4 * 1024 * 1024 + 2], Map.of());
        }
        Message dead = receive(brokerSettings.deadLetterQueue(), 1, 15_000).get(0);
        assertTrue(dead.getStringProperty("DriveReason").contains("u-huge: piece 1 is larger than 4194304 bytes"),
                dead.getStringProperty("DriveReason"));
        JsonNode report = receiveReports(1, 15_000).get(0);
        assertEquals("cut", report.path("outcome").asText(), "the rest never came: " + report);
    }

    @Test
    void anUtteranceWhoseLastPieceNeverComesIsCutAfterTheGap() throws Exception {
        try (Pieces tts = pieces()) {
            tts.send("u-gap", 0, false, TestClips.pcm16(16000, 0.3),
                    Map.of("TaskId", task, "SampleRate", 16000));
        }
        JsonNode report = receiveReports(1, 15_000).get(0);
        assertEquals("cut", report.path("outcome").asText(), report.toString());
        assertTrue(report.path("reason").asText().contains("drive.utterance-gap-ms"), report.toString());
        assertEquals(9600, report.path("bytes").asLong(), "the audio that came was spoken");
        assertEquals(List.of("Start", "audio", "Stop"), heardCompleted(report.path("driveId").asText()).frames());
    }

    @Test
    void rawPcmAtARateTheAvatarDoesNotTakeIsReportedFailedWithTheReason() throws Exception {
        try (Pieces tts = pieces()) {
            tts.send("u-rate", 0, true, TestClips.pcm16(8000, 0.2),
                    Map.of("TaskId", task, "SampleRate", 8000));
        }
        JsonNode report = receiveReports(1, 15_000).get(0);
        assertEquals("failed", report.path("outcome").asText(), report.toString());
        assertTrue(report.path("reason").asText().contains("8000 Hz"), report.toString());
    }
}
