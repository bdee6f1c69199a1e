package io.avatardrive.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.standin.StandInDrive;
import io.avatardrive.support.KafkaTestSupport;
import io.avatardrive.support.TestClips;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A conversational AI on Kafka: live utterances piece by piece, and interrupts that cut the avatar at once. */
class KafkaLiveTest extends KafkaTestSupport {

    @Test
    void piecesOfAnUtteranceDriveOneDriveInOrderAndItsReportCarriesTheUtteranceId() throws Exception {
        byte[] pcm = TestClips.pcm16(16000, 0.9);
        int third = pcm.length / 3 / 2 * 2;
        for (int seq = 0; seq < 3; seq++) {
            byte[] piece = java.util.Arrays.copyOfRange(pcm, seq * third, seq == 2 ? pcm.length : (seq + 1) * third);
            Map<String, String> headers = new HashMap<>(Map.of("UtteranceId", "u-1", "Seq", Integer.toString(seq),
                    "Last", Boolean.toString(seq == 2)));
            if (seq == 0) {
                headers.put("SampleRate", "16000");
            }
            publish("k-live", piece, headers);
        }
        ConsumerRecord<String, byte[]> result = read(topic + ".results", 1, Duration.ofSeconds(30)).get(0);
        JsonNode report = JSON.readTree(result.value());
        assertEquals("driven", report.path("outcome").asText(), report.toString());
        assertEquals("u-1", header(result, "UtteranceId"));
        assertEquals("k-live", result.key());
        StandInDrive drive = heardCompleted(report.path("driveId").asText());
        assertEquals(TestClips.sha256(pcm), drive.sha256(), "the pieces in order, byte-exact");
        assertTrue(report.path("firstPcmMs").isNumber(), report.toString());
    }

    @Test
    void anInterruptRecordCutsItsTasksDriveAtOnceAndSupersedesTheRecordsBeforeIt() throws Exception {
        publish("k-int", TestClips.wav16(16000, TestClips.pcm16(16000, 6.0)), Map.of("ClipName", "long.wav"));
        await().atMost(Duration.ofSeconds(20)).until(() -> standIn.drives().stream()
                .anyMatch(d -> d.taskId().equals("k-int") && d.bytes() > 0));
        publish("k-int", TestClips.wav16(16000, TestClips.pcm16(16000, 0.3)), Map.of("ClipName", "waiting.wav"));
        long interruptAt = System.nanoTime();
        publish("k-int", TestClips.wav16(16000, TestClips.pcm16(16000, 0.3)), Map.of("ClipName", "now.wav",
                "Interrupt", "true"));

        List<ConsumerRecord<String, byte[]>> results = read(topic + ".results", 3, Duration.ofSeconds(30));
        Map<String, String> outcomes = new HashMap<>();
        for (ConsumerRecord<String, byte[]> result : results) {
            outcomes.put(header(result, "ClipName"), JSON.readTree(result.value()).path("outcome").asText());
        }
        assertEquals(Map.of("long.wav", "interrupted", "waiting.wav", "superseded", "now.wav", "driven"), outcomes);
        StandInDrive cut = standIn.drives().stream().filter(d -> d.taskId().equals("k-int")).findFirst().orElseThrow();
        assertTrue(cut.stoppedAtNanos() > interruptAt, "the long clip got its Stop after the interrupt");
        assertTrue(cut.stoppedAtNanos() - interruptAt < Duration.ofSeconds(3).toNanos(),
                "cut at once, not at the end of its 6 s");
        assertEquals(List.of("Start", "audio", "Stop"), cut.frames());
    }
}
