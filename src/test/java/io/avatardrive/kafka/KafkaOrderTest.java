package io.avatardrive.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.standin.StandInDrive;
import io.avatardrive.support.KafkaTestSupport;
import io.avatardrive.support.TestClips;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tasks sharing one partition: each task in offset order, the tasks beside each other, commits behind the slowest. */
class KafkaOrderTest extends KafkaTestSupport {

    @Override
    protected int partitions() {
        return 1;
    }

    @Test
    void aLongClipHoldsNoOtherTaskOfItsPartitionEachTaskKeepsOffsetOrderAndTheCommitWaitsForTheLowestUnfinished()
            throws Exception {
        publish("t-long", TestClips.wav16(16000, TestClips.pcm16(16000, 3.0)), Map.of("ClipName", "a1.wav"));
        publish("t-short", TestClips.wav16(16000, TestClips.pcm16(16000, 0.3)), Map.of("ClipName", "b1.wav"));
        publish("t-long", TestClips.wav16(16000, TestClips.pcm16(16000, 0.3)), Map.of("ClipName", "a2.wav"));
        publish("t-long", TestClips.wav16(16000, TestClips.pcm16(16000, 0.3)), Map.of("ClipName", "a3.wav"));

        // b1 (offset 1) is spoken while a1 (offset 0) still speaks: the commit stays before a1
        ConsumerRecord<String, byte[]> first = read(topic + ".results", 1, Duration.ofSeconds(30)).get(0);
        assertEquals("b1.wav", first.headers().lastHeader("ClipName") == null ? null : header(first, "ClipName"),
                "the short task's clip is reported first");
        assertEquals(0, committed(), "nothing is committed past a1, which is not done");

        List<ConsumerRecord<String, byte[]>> results = read(topic + ".results", 4, Duration.ofSeconds(30));
        assertEquals(4, results.size());
        StandInDrive a1 = drive(results, "a1.wav");
        StandInDrive b1 = drive(results, "b1.wav");
        StandInDrive a2 = drive(results, "a2.wav");
        StandInDrive a3 = drive(results, "a3.wav");
        assertTrue(b1.connectedAtNanos() < a1.stoppedAtNanos(), "b1 was driven beside a1, not after it");
        assertTrue(a1.closedAtNanos() <= a2.connectedAtNanos(), "a2 after a1's socket closed");
        assertTrue(a2.closedAtNanos() <= a3.connectedAtNanos(), "a3 after a2's socket closed");
        assertEquals(List.of(), standIn.violations());
        await().atMost(Duration.ofSeconds(15)).until(() -> committed() == 4);
    }

    private StandInDrive drive(List<ConsumerRecord<String, byte[]>> results, String clip) throws Exception {
        for (ConsumerRecord<String, byte[]> result : results) {
            if (clip.equals(header(result, "ClipName"))) {
                JsonNode report = JSON.readTree(result.value());
                assertEquals("driven", report.path("outcome").asText(), report.toString());
                return heardCompleted(report.path("driveId").asText());
            }
        }
        throw new AssertionError("no report for " + clip);
    }

    /** The consumer group's committed offset of the topic's one partition (0 when none yet). */
    private long committed() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(topic + "-group").partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).get(new TopicPartition(topic, 0));
            return offset == null ? 0 : offset.offset();
        }
    }
}
