package io.avatardrive.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.drive.TaskLanes;
import io.avatardrive.support.ChunkedPost;
import io.avatardrive.support.LiveTestSupport;
import io.avatardrive.support.SocketAnswer;
import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live requests that open and then send nothing: two hundred of them hold no thread and no place among the drives
 * running, cost no vendor call, and another task still speaks at once; beyond ingress.max-open a request is refused.
 */
class IdleRequestsTest extends LiveTestSupport {

    private static final int IDLE = 200;
    private static final String PCM16 = "audio/pcm;rate=16000";

    @Override
    protected Map<String, String> properties() {
        Map<String, String> p = super.properties();
        // idle for the whole test: the gap must not clear them away before the other task speaks
        p.put("drive.utterance-gap-ms", "20000");
        p.put("ingress.max-open", Integer.toString(IDLE + 2));
        return p;
    }

    /** 150 tasks with one idle request each, and 50 idle requests for one more task, all taken in by the ingress. */
    private List<ChunkedPost> openIdle() throws Exception {
        List<ChunkedPost> idle = new ArrayList<>();
        for (int i = 0; i < IDLE; i++) {
            String task = i < 150 ? "idle-" + i : "idle-shared";
            idle.add(new ChunkedPost(liveSettings.port(), "/tasks/" + task + "/speak?name=idle-" + i, PCM16));
        }
        await().alias("all idle requests waiting in their lanes").atMost(Duration.ofSeconds(20))
                .until(() -> waiting() == IDLE);
        return idle;
    }

    /** Live requests taken in and waiting in their task lanes. */
    private int waiting() {
        TaskLanes lanes = context.getRegistry().lookupByNameAndType("taskLanes", TaskLanes.class);
        return lanes.waiting().values().stream().mapToInt(List::size).sum();
    }

    private static void closeAll(List<ChunkedPost> posts) throws Exception {
        for (ChunkedPost post : posts) {
            post.close();
        }
    }

    @Test
    void twoHundredIdleRequestsLeaveAnotherTasksFirstPcmWithinASecondAndCostNoVendorCall() throws Exception {
        List<ChunkedPost> idle = openIdle();
        try (ChunkedPost other = new ChunkedPost(liveSettings.port(), "/tasks/not-idle/speak?name=other", PCM16)) {
            byte[] pcm = TestClips.pcm16(16000, 0.5);
            long sent = System.nanoTime();
            other.chunk(pcm, 0, 3200);
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5)).until(() -> standIn.drives()
                    .stream().anyMatch(d -> "not-idle".equals(d.taskId()) && d.bytes() > 0));
            long firstPcmMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            other.chunk(pcm, 3200, pcm.length - 3200);
            ChunkedPost.Answer answer = other.finish();
            assertEquals(200, answer.status(), answer.body());
            System.out.printf("With %d idle live requests open: another task's first PCM %d ms after its first piece%n",
                    IDLE, firstPcmMs);
            assertTrue(firstPcmMs < 1000, "first PCM after " + firstPcmMs + " ms");
            assertTrue(standIn.drives().stream().noneMatch(d -> d.taskId().startsWith("idle-")),
                    "an idle request cost a DriveByWsStream call");
        } finally {
            closeAll(idle);
        }
    }

    @Test
    void beyondIngressMaxOpenAPostIsAnswered503AndAWebSocketClosedWith1013() throws Exception {
        List<ChunkedPost> idle = openIdle();
        try {
            idle.add(new ChunkedPost(liveSettings.port(), "/tasks/idle-extra/speak", PCM16));
            idle.add(new ChunkedPost(liveSettings.port(), "/tasks/idle-extra/speak", PCM16));
            // both taken in before the one too many arrives
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == IDLE + 2);
            try (ChunkedPost refused = new ChunkedPost(liveSettings.port(), "/tasks/one-too-many/speak", PCM16)) {
                ChunkedPost.Answer answer = refused.answer();
                assertEquals(503, answer.status(), answer.body());
                JsonNode report = JSON.readTree(answer.body());
                assertTrue(report.path("reason").asText().contains("ingress.max-open"), answer.body());
            }
            SocketAnswer socket = new SocketAnswer();
            socket.open(speakUrl("ws", "one-too-many") + "?rate=16000");
            assertEquals(1013, socket.closed.get(10, TimeUnit.SECONDS));
            assertTrue(socket.closeReason.contains("ingress.max-open"), socket.closeReason);
            // a request that ends gives its place back
            idle.remove(0).close();
            try (ChunkedPost next = new ChunkedPost(liveSettings.port(), "/tasks/after-one-left/speak", PCM16)) {
                byte[] pcm = TestClips.pcm16(16000, 0.2);
                next.chunk(pcm, 0, pcm.length);
                ChunkedPost.Answer answer = next.finish();
                assertEquals(200, answer.status(), answer.body());
            }
        } finally {
            closeAll(idle);
        }
    }
}
