package io.avatardrive.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.avatardrive.standin.StandInDrive;
import io.avatardrive.support.QueueTestSupport;
import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

class BrokerRestartTest extends QueueTestSupport {

    @Override
    protected Map<String, String> properties() {
        Map<String, String> p = super.properties();
        p.put("drive.queue-consumers", "2");
        return p;
    }

    @Test
    void restartingTheBrokerMidQueueLosesNoClipAndDrivesNoneTwice() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] pcm = TestClips.pcm16(16000, 0.8 + i * 0.01);
            expected.add(TestClips.sha256(pcm));
            publish(TestClips.wav16(16000, pcm), "restart-task", null, "r" + i + ".wav");
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                .until(() -> standIn.drives().stream().anyMatch(d -> d.taskId().equals("restart-task")));
        broker.stop();   // mid-drive: the first clip's commit cannot happen
        broker.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> driven().size() >= 4);
        // and stays at four: a duplicate would show up within a few seconds of redelivery
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> driven().size() == 4);
        List<String> driven = driven();
        assertEquals(4, driven.size(), "drives for the task: " + driven.size());
        assertTrue(driven.containsAll(expected), "a clip was lost");
        assertEquals(4, driven.stream().distinct().count(), "a clip was spoken twice");
    }

    private List<String> driven() {
        return standIn.completedDrives().stream().filter(d -> d.taskId().equals("restart-task"))
                .map(StandInDrive::sha256).toList();
    }
}
