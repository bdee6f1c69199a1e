package io.avatardrive.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.standin.StandInDrive;
import io.avatardrive.support.KafkaTestSupport;
import io.avatardrive.support.TestClips;
import io.avatardrive.zego.ZegoReturnCodes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A backend that speaks only Kafka: clips, reports and dead letters through topics of a real Kafka broker. */
class KafkaIngressTest extends KafkaTestSupport {

    @Test
    void aClipPublishedWithItsTaskIdAsKeyIsSpokenByteExactAndItsReportKeyedByTaskIdWithItsHeaders() throws Exception {
        byte[] pcm = TestClips.pcm16(16000, 0.4);
        publish("k-task", TestClips.wav16(16000, pcm), Map.of("ClipName", "hello.wav"));

        ConsumerRecord<String, byte[]> result = read(topic + ".results", 1, Duration.ofSeconds(30)).get(0);
        JsonNode report = JSON.readTree(result.value());
        assertEquals("driven", report.path("outcome").asText(), report.toString());
        assertEquals("k-task", result.key());
        assertEquals("hello.wav", header(result, "ClipName"));
        assertEquals("k-task", header(result, "TaskId"));
        assertEquals(report.path("driveId").asText(), header(result, "DriveId"));
        StandInDrive heard = heardCompleted(report.path("driveId").asText());
        assertEquals("k-task", heard.taskId());
        assertEquals(TestClips.sha256(pcm), heard.sha256());
        assertEquals(List.of("Start", "audio", "Stop"), heard.frames());
    }

    @Test
    void aRecordThatIsNotAudioGoesToTheDeadLetterTopicWithItsHeadersAndTheQueuesReason() throws Exception {
        publish("k-bad", "this is not a clip".getBytes(StandardCharsets.UTF_8), Map.of("ClipName", "notes.wav",
                "TraceId", "trace-7"));

        ConsumerRecord<String, byte[]> dead = read(topic + ".DLQ", 1, Duration.ofSeconds(30)).get(0);
        assertEquals("k-bad", dead.key());
        assertEquals("decode", header(dead, "DriveStage"));
        assertTrue(header(dead, "DriveReason").startsWith("notes.wav: not a WAV"), header(dead, "DriveReason"));
        assertEquals("notes.wav", header(dead, "ClipName"));
        assertEquals("trace-7", header(dead, "TraceId"), "a header of the publisher's own is kept");
        assertEquals("this is not a clip", new String(dead.value(), StandardCharsets.UTF_8), "the input is kept");
    }

    @Test
    void aRecordWithNoKeyNamesItsTaskByItsTaskIdHeader() throws Exception {
        publish(null, TestClips.wav16(16000, TestClips.pcm16(16000, 0.2)), Map.of("TaskId", "k-header",
                "ClipName", "keyless.wav"));

        ConsumerRecord<String, byte[]> result = read(topic + ".results", 1, Duration.ofSeconds(30)).get(0);
        assertEquals("k-header", result.key(), "the report is keyed by the task the header named");
        assertEquals("k-header", heardCompleted(JSON.readTree(result.value()).path("driveId").asText()).taskId());
    }

    @Test
    void aBusyVendorIsRetriedWithTheOtherIngressesPolicyAndTheRecordSpokenOnce() throws Exception {
        int busyBefore = standIn.answers().getOrDefault(ZegoReturnCodes.SYSTEM_BUSY, 0);
        standIn.failNextCalls(ZegoReturnCodes.SYSTEM_BUSY, 2);
        publish("k-busy", TestClips.wav16(16000, TestClips.pcm16(16000, 0.2)), Map.of("ClipName", "retry.wav"));

        ConsumerRecord<String, byte[]> result = read(topic + ".results", 1, Duration.ofSeconds(30)).get(0);
        assertEquals("driven", JSON.readTree(result.value()).path("outcome").asText());
        assertEquals(busyBefore + 2, standIn.answers().getOrDefault(ZegoReturnCodes.SYSTEM_BUSY, 0),
                "both busy answers were given before it was spoken");
        assertEquals(1, standIn.completedDrives().stream().filter(d -> d.taskId().equals("k-busy")).count());
        assertEquals(0, read(topic + ".DLQ", 1, Duration.ofMillis(500)).size());
    }
}
