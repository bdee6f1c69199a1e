package io.avatardrive.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.drive.TaskLanes;
import io.avatardrive.standin.StandInDrive;
import io.avatardrive.support.ChunkedPost;
import io.avatardrive.support.LiveTestSupport;
import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Barge-in: an interrupt cuts its task's drive at once (Stop sent, reported interrupted with the audio sent),
 * supersedes what of the task waits, then speaks; never two drives of the task at once.
 */
class InterruptTest extends LiveTestSupport {

    private static final byte[] LONG = TestClips.wav16(16000, TestClips.pcm16(16000, 4.0));
    private static final byte[] SHORT = TestClips.wav16(16000, TestClips.pcm16(16000, 0.3));
    private static final byte[] LONG_PCM = TestClips.pcm16(16000, 4.0);

    /** A chunked POST that has sent 4 s of raw PCM and not yet ended its body. */
    private ChunkedPost longUtterance(String path) throws IOException {
        ChunkedPost post = new ChunkedPost(liveSettings.port(), path, "audio/pcm;rate=16000");
        post.chunk(LONG_PCM, 0, LONG_PCM.length);
        return post;
    }

    private StandInDrive awaitSpeaking(String task) {
        await().atMost(Duration.ofSeconds(10)).until(() -> standIn.drives().stream()
                .anyMatch(d -> task.equals(d.taskId()) && d.bytes() > 0));
        return standIn.drives().stream().filter(d -> task.equals(d.taskId())).findFirst().orElseThrow();
    }

    @Test
    void aClipNamedInterruptCutsTheFolderDriveSupersedesTheWaitingClipAndSpeaks() throws Exception {
        drop("barge/long.wav", LONG);
        StandInDrive cut = awaitSpeaking("barge");
        drop("barge/waiting.wav", SHORT);
        // the interrupt comes once the folder has queued the waiting clip behind the long one
        TaskLanes lanes = context.getRegistry().lookupByNameAndType("taskLanes", TaskLanes.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> lanes.waiting().getOrDefault("barge", List.of())
                .contains("barge/waiting.wav"));
        drop("barge/now.interrupt.wav", SHORT);
        JsonNode interrupted = awaitDone("barge/long.wav");
        assertEquals("interrupted", interrupted.path("outcome").asText(), interrupted.toString());
        assertTrue(interrupted.path("bytes").isIntegralNumber(), "the audio actually sent: " + interrupted);
        long sent = interrupted.get("bytes").asLong();
        assertTrue(sent > 0 && sent < LONG.length - 44, "cut short after some audio: " + interrupted);
        assertTrue(interrupted.path("reason").asText().contains("now.interrupt.wav"), interrupted.toString());
        JsonNode superseded = awaitDone("barge/waiting.wav");
        assertEquals("superseded", superseded.path("outcome").asText(), superseded.toString());
        JsonNode spoken = awaitDone("barge/now.interrupt.wav");
        assertEquals("driven", spoken.path("outcome").asText());
        await().atMost(Duration.ofSeconds(5)).until(cut::completed);
        assertEquals(List.of("Start", "audio", "Stop"), cut.frames(), "the cut drive still sends Stop");
        assertEquals(2, standIn.drives().stream().filter(d -> "barge".equals(d.taskId())).count(),
                "the superseded clip never reached the avatar");
        assertTrue(standIn.violations().isEmpty(), standIn.violations().toString());
    }

    @Test
    void anHttpInterruptCutsTheUtteranceBeingSpokenAndTheCutOneAnswersInterrupted() throws Exception {
        try (ChunkedPost first = longUtterance("/tasks/talk/speak?name=first")) {
            StandInDrive cut = awaitSpeaking("talk");
            long interruptAt = System.nanoTime();
            ChunkedPost second = new ChunkedPost(liveSettings.port(), "/tasks/talk/speak?name=second&interrupt=true",
                    "audio/pcm;rate=16000");
            byte[] reply = TestClips.pcm16(16000, 0.3);
            second.chunk(reply, 0, reply.length);
            ChunkedPost.Answer firstAnswer = first.finish();
            JsonNode interrupted = JSON.readTree(firstAnswer.body());
            assertEquals(200, firstAnswer.status());
            assertEquals("interrupted", interrupted.path("outcome").asText(), firstAnswer.body());
            await().atMost(Duration.ofSeconds(5)).until(cut::completed);
            assertStoppedWithinAChunk(cut, interruptAt);
            ChunkedPost.Answer secondAnswer = second.finish();
            second.close();
            assertEquals("driven", JSON.readTree(secondAnswer.body()).path("outcome").asText(), secondAnswer.body());
            assertTrue(standIn.violations().isEmpty(), standIn.violations().toString());
        }
    }

    @Test
    void aStormOfHttpInterruptsCutsEveryTasksUtteranceWithStopBeforeItsReplyConnects() throws Exception {
        int tasks = 20;
        List<ChunkedPost> speaking = new java.util.ArrayList<>();
        List<ChunkedPost> replies = new java.util.ArrayList<>();
        byte[] reply = TestClips.pcm16(16000, 0.3);
        try {
            // long enough to still be speaking once the vendor's 10 calls a second have started all of them
            byte[] longer = TestClips.pcm16(16000, 10.0);
            for (int i = 0; i < tasks; i++) {
                ChunkedPost post = new ChunkedPost(liveSettings.port(), "/tasks/storm-" + i + "/speak?name=long",
                        "audio/pcm;rate=16000");
                post.chunk(longer, 0, longer.length);
                speaking.add(post);
            }
            for (int i = 0; i < tasks; i++) {
                awaitSpeaking("storm-" + i);
            }
            // every user barges in at the same moment
            for (int i = 0; i < tasks; i++) {
                ChunkedPost post = new ChunkedPost(liveSettings.port(), "/tasks/storm-" + i + "/speak?name=reply&interrupt=true",
                        "audio/pcm;rate=16000");
                post.chunk(reply, 0, reply.length);
                post.finishBody();
                replies.add(post);
            }
            for (int i = 0; i < tasks; i++) {
                assertEquals("interrupted", JSON.readTree(speaking.get(i).finish().body()).path("outcome").asText());
                assertEquals("driven", JSON.readTree(replies.get(i).answer().body()).path("outcome").asText());
            }
        } finally {
            for (ChunkedPost post : speaking) {
                post.close();
            }
            for (ChunkedPost post : replies) {
                post.close();
            }
        }
        for (int i = 0; i < tasks; i++) {
            String task = "storm-" + i;
            List<StandInDrive> drives = standIn.drives().stream().filter(d -> task.equals(d.taskId()))
                    .sorted(java.util.Comparator.comparingLong(StandInDrive::connectedAtNanos)).toList();
            assertEquals(2, drives.size(), task);
            StandInDrive cut = drives.get(0);
            assertEquals(List.of("Start", "audio", "Stop"), cut.frames(), task + ": the cut drive still ends with Stop");
            assertTrue(cut.bytes() < 16000 * 2 * 10, task + ": cut short");
            assertTrue(cut.stoppedAtNanos() > 0 && cut.stoppedAtNanos() <= drives.get(1).connectedAtNanos(),
                    task + ": the reply connected before the cut drive's Stop");
            assertEquals(reply.length, drives.get(1).bytes(), task + ": the reply spoken whole");
        }
        assertTrue(standIn.violations().isEmpty(), standIn.violations().toString());
    }

    @Test
    void aWebSocketInterruptCutsTheTasksUtteranceAndThenSpeaks() throws Exception {
        try (ChunkedPost first = longUtterance("/tasks/ws-barge/speak")) {
            StandInDrive cut = awaitSpeaking("ws-barge");
            long interruptAt = System.nanoTime();
            CompletableFuture<String> report = new CompletableFuture<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
                    URI.create(speakUrl("ws", "ws-barge") + "?rate=16000&interrupt=true&name=barge-in"),
                    new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data,
                                                                              boolean last) {
                            report.complete(data.toString());
                            return null;
                        }
                    }).join();
            socket.sendBinary(ByteBuffer.wrap(TestClips.pcm16(16000, 0.3)), true).join();
            socket.sendText("{\"action\":\"end\"}", true).join();
            JsonNode interrupted = JSON.readTree(first.finish().body());
            assertEquals("interrupted", interrupted.path("outcome").asText(), interrupted.toString());
            await().atMost(Duration.ofSeconds(5)).until(cut::completed);
            assertStoppedWithinAChunk(cut, interruptAt);
            assertEquals("driven", JSON.readTree(report.get(10, TimeUnit.SECONDS)).path("outcome").asText());
            assertTrue(standIn.violations().isEmpty(), standIn.violations().toString());
        }
    }

    @Test
    void aShutdownCutsALiveUtteranceWithStopAndReportsItCut() throws Exception {
        try (ChunkedPost post = longUtterance("/tasks/shutdown/speak")) {
            StandInDrive cut = awaitSpeaking("shutdown");
            CompletableFuture<ChunkedPost.Answer> answer = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            return post.answer();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            context.stop();
            await().atMost(Duration.ofSeconds(10)).until(cut::completed);
            assertEquals(List.of("Start", "audio", "Stop"), cut.frames(), "Stop sent before the process goes");
            assertTrue(cut.bytes() < LONG_PCM.length, "cut short, not played to its end: " + cut.bytes());
            ChunkedPost.Answer cutAnswer = answer.get(10, TimeUnit.SECONDS);
            assertEquals("cut", JSON.readTree(cutAnswer.body()).path("outcome").asText(), cutAnswer.body());
        }
    }

    @Test
    void aQueueInterruptOvertakesTheClipItsTaskIsDrivingAndSupersedesTheOnesWaiting() throws Exception {
        publish(LONG, "queued", null, "long.wav");
        StandInDrive cut = awaitSpeaking("queued");
        publish(SHORT, "queued", null, "waiting.wav");
        long interruptAt = System.nanoTime();
        publish(SHORT, Map.of("TaskId", "queued", "ClipName", "now.wav", "Interrupt", true));
        Map<String, String> outcomes = new HashMap<>();
        for (JsonNode report : receiveReports(3, 20_000)) {
            outcomes.put(report.path("file").asText(), report.path("outcome").asText());
        }
        assertEquals(Map.of("long.wav", "interrupted", "waiting.wav", "superseded", "now.wav", "driven"), outcomes);
        await().atMost(Duration.ofSeconds(5)).until(cut::completed);
        assertStoppedWithinAChunk(cut, interruptAt);
        assertTrue(standIn.violations().isEmpty(), standIn.violations().toString());
    }

    /**
     * The cut drive's Stop reached the avatar within about one chunk (drive.chunk-ms = 100 ms here) of the interrupt
     * being sent, with room for a loaded machine, not at the end of its audio (seconds later).
     */
    private static void assertStoppedWithinAChunk(StandInDrive cut, long interruptAt) {
        long stopMs = TimeUnit.NANOSECONDS.toMillis(cut.stoppedAtNanos() - interruptAt);
        assertTrue(stopMs >= 0 && stopMs < 100 + 400, "Stop came " + stopMs + " ms after the interrupt was sent");
    }
}
