package io.avatardrive.kafka;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.avatardrive.drive.TaskLanes;
import io.avatardrive.standin.StandInDrive;
import io.avatardrive.support.KafkaTestSupport;
import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A backlog on the topic is read as the drives catch up, never into memory all at once. */
class KafkaBacklogTest extends KafkaTestSupport {

    @Override
    protected Map<String, String> properties() {
        Map<String, String> p = super.properties();
        p.put("kafka.max-unfinished", "3");
        return p;
    }

    @Test
    void atMostKafkaMaxUnfinishedRecordsAreHeldAndTheBacklogIsSpokenInOrder() throws Exception {
        int clips = 8;
        for (int i = 0; i < clips; i++) {
            publish("backlog", TestClips.wav16(16000, TestClips.pcm16(16000, 0.3 + 0.01 * i)),
                    Map.of("ClipName", "b" + i + ".wav"));
        }
        TaskLanes lanes = context.getRegistry().lookupByNameAndType(TaskLanes.BEAN, TaskLanes.class);
        int mostWaiting = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (standIn.completedDrives().stream().filter(d -> d.taskId().equals("backlog")).count() < clips
               && System.nanoTime() < deadline) {
            mostWaiting = Math.max(mostWaiting, lanes.waiting().getOrDefault("backlog", List.of()).size());
            Thread.sleep(10);
        }
        List<Long> order = standIn.completedDrives().stream().filter(d -> d.taskId().equals("backlog"))
                .sorted(Comparator.comparingLong(StandInDrive::issuedAtNanos)).map(StandInDrive::bytes).toList();
        assertEquals(clips, order.size(), "every clip of the backlog was spoken");
        assertEquals(order.stream().sorted().toList(), order, "in offset order");
        assertTrue(mostWaiting >= 1, "the lane did queue records: " + mostWaiting);
        assertTrue(mostWaiting <= 2, "beside the one driving, at most 2 waited in memory, not " + mostWaiting);
    }
}
