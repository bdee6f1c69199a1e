package io.avatardrive.live;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.standin.StandInDrive;
import io.avatardrive.support.LiveTestSupport;
import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pieces of live utterances travel beside the clips, not through the consumers a clip holds until its Stop: the broker
 * moves them to {@code <drive.queue>.pieces}, whose consumers take each at once.
 */
class QueuePiecesBesideClipsTest extends LiveTestSupport {

    @Override
    protected Map<String, String> properties() {
        Map<String, String> p = super.properties();
        // one clip consumer: while it drives a clip, a piece on the drive queue itself would wait for it
        p.put("drive.queue-consumers", "1");
        return p;
    }

    @Test
    void anUtteranceOnTheQueueIsSpokenWhileEveryClipConsumerIsBusyDrivingAClip() throws Exception {
        publish(TestClips.pcm16(16000, 4.0), "busy-task", 16000, "long-clip.pcm");
        await().atMost(Duration.ofSeconds(10)).until(() -> standIn.drives().stream()
                .anyMatch(d -> "busy-task".equals(d.taskId()) && d.bytes() > 0));

        byte[] pcm = TestClips.pcm16(16000, 0.3);
        try (Pieces tts = pieces()) {
            tts.send("u-beside", 0, false, pcm, Map.of("TaskId", "talking-task", "SampleRate", 16000));
            tts.send("u-beside", 1, true, new byte[0], Map.of());
        }
        JsonNode report = receiveReports(1, 10_000).get(0);
        assertEquals("talking-task", report.path("taskId").asText(), report.toString());
        assertEquals("driven", report.path("outcome").asText(), report.toString());
        StandInDrive clip = standIn.drives().stream().filter(d -> "busy-task".equals(d.taskId())).findFirst().orElseThrow();
        assertTrue(!clip.frames().contains("Stop"), "the utterance was spoken while the clip still held its consumer");
        assertEquals(List.of("Start", "audio", "Stop"), heardCompleted(report.path("driveId").asText()).frames());
        assertEquals("driven", receiveReports(1, 15_000).get(0).path("outcome").asText(), "then the clip ends");
    }
}
