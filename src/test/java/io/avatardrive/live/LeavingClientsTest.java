package io.avatardrive.live;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.drive.TaskLanes;
import io.avatardrive.support.ChunkedPost;
import io.avatardrive.support.LiveTestSupport;
import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live request whose client goes away, or sends nothing for drive.utterance-gap-ms (1 s here), while it waits for
 * its turn leaves its task's lane at once: its turn never costs a DriveByWsStream call or a Start/Stop.
 */
class LeavingClientsTest extends LiveTestSupport {

    private static final String PCM16 = "audio/pcm;rate=16000";

    private TaskLanes lanes() {
        return context.getRegistry().lookupByNameAndType("taskLanes", TaskLanes.class);
    }

    private long drivesOf(String task) {
        return standIn.drives().stream().filter(d -> task.equals(d.taskId())).count();
    }

    @Test
    void aClientThatLeavesWhileItWaitsIsDroppedFromItsLaneAtOnceWithoutAVendorCall() throws Exception {
        String task = "leaving";
        byte[] pcm = TestClips.pcm16(16000, 1.0);
        try (ChunkedPost speaking = new ChunkedPost(liveSettings.port(), "/tasks/" + task + "/speak?name=first", PCM16)) {
            speaking.chunk(pcm, 0, 16000);
            await().atMost(Duration.ofSeconds(5)).until(() -> drivesOf(task) == 1);
            ChunkedPost leaving = new ChunkedPost(liveSettings.port(), "/tasks/" + task + "/speak?name=gone", PCM16);
            leaving.chunk(pcm, 0, 3200);
            await().atMost(Duration.ofSeconds(5)).until(() -> lanes().waiting().getOrDefault(task, List.of())
                    .contains("gone"));
            leaving.close();
            await().alias("the request that left is dropped while the first still speaks").atMost(Duration.ofMillis(500))
                    .until(() -> !lanes().waiting().containsKey(task));
            assertFalse(standIn.drives().get(0).completed(), "the first utterance had ended already");
            speaking.chunk(pcm, 16000, pcm.length - 16000);
            ChunkedPost.Answer answer = speaking.finish();
            assertEquals(200, answer.status(), answer.body());
        }
        assertEquals(1, drivesOf(task), "the request that left cost a drive");
    }

    @Test
    void aClientThatLeavesMidUtteranceGetsStopWithinOneChunkOfWhatArrived() throws Exception {
        String task = "leaving-mid-way";
        byte[] pcm = TestClips.pcm16(16000, 0.3);
        ChunkedPost speaking = new ChunkedPost(liveSettings.port(), "/tasks/" + task + "/speak", PCM16);
        speaking.chunk(pcm, 0, pcm.length);
        await().atMost(Duration.ofSeconds(5)).until(() -> standIn.drives().stream()
                .anyMatch(d -> task.equals(d.taskId()) && d.bytes() == pcm.length));
        long left = System.nanoTime();
        speaking.close();
        var drive = standIn.drives().stream().filter(d -> task.equals(d.taskId())).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(drive::completed);
        long stopMs = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(drive.stoppedAtNanos() - left);
        assertEquals(List.of("Start", "audio", "Stop"), drive.frames());
        assertEquals(pcm.length, drive.bytes());
        // one chunk is 100 ms; the gap (1 s) was not waited for
        assertTrue(stopMs < 200, "Stop came " + stopMs + " ms after the client left");
    }

    @Test
    void aRequestThatSendsNoAudioForTheGapIsCutWithoutAVendorCall() throws Exception {
        String task = "silent";
        try (ChunkedPost silent = new ChunkedPost(liveSettings.port(), "/tasks/" + task + "/speak?name=mute", PCM16)) {
            ChunkedPost.Answer answer = silent.answer();
            assertEquals(400, answer.status(), answer.body());
            JsonNode report = JSON.readTree(answer.body());
            assertEquals("cut", report.path("outcome").asText(), answer.body());
            assertTrue(report.path("reason").asText().contains("drive.utterance-gap-ms"), answer.body());
        }
        assertEquals(0, drivesOf(task), "a request that sent nothing cost a drive");
    }
}
