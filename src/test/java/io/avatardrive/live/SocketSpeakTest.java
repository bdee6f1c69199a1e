package io.avatardrive.live;

import java.util.concurrent.atomic.AtomicInteger;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.drive.DriveBoard;
import io.avatardrive.drive.DriveOutcome;
import io.avatardrive.drive.Outcome;
import io.avatardrive.standin.StandInDrive;
import io.avatardrive.support.LiveTestSupport;
import io.avatardrive.support.SocketAnswer;
import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ws://.../tasks/{TaskId}/speak: binary PCM frames, {"action":"end"}, then the report as one text frame and a close. */
class SocketSpeakTest extends LiveTestSupport {

    /** A task of each test's own, so that no test depends on what another left on its task. */
    private static final AtomicInteger TASKS = new AtomicInteger();
    private final String task = "ws-live-" + TASKS.incrementAndGet();

    private WebSocket open(String query, SocketAnswer answer) {
        return answer.open(speakUrl("ws", task) + query);
    }

    @Test
    void binaryFramesThenEndAreSpokenAndTheReportComesBackBeforeANormalClose() throws Exception {
        byte[] pcm = TestClips.pcm16(16000, 0.6);
        SocketAnswer answer = new SocketAnswer();
        WebSocket socket = open("?rate=16000&name=hello-ws", answer);
        int frame = 1601; // odd: a sample split across two frames arrives whole
        for (int at = 0; at < pcm.length; at += frame) {
            socket.sendBinary(ByteBuffer.wrap(Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + frame))), true).join();
        }
        socket.sendText("{\"action\":\"end\"}", true).join();
        JsonNode report = JSON.readTree(answer.report.get(15, TimeUnit.SECONDS));
        assertEquals("driven", report.path("outcome").asText(), report.toString());
        assertEquals("hello-ws", report.path("file").asText());
        assertEquals(1000, answer.closed.get(5, TimeUnit.SECONDS));
        StandInDrive drive = heardCompleted(report.path("driveId").asText());
        assertEquals(TestClips.sha256(pcm), drive.sha256());
        assertEquals(List.of("Start", "audio", "Stop"), drive.frames());
    }

    @Test
    void aClientThatDisconnectsMidUtteranceCutsItAndStopIsSent() throws Exception {
        SocketAnswer answer = new SocketAnswer();
        WebSocket socket = open("?rate=16000", answer);
        socket.sendBinary(ByteBuffer.wrap(TestClips.pcm16(16000, 0.3)), true).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> standIn.drives().stream()
                .anyMatch(d -> task.equals(d.taskId()) && d.bytes() > 0));
        long abortedAt = System.nanoTime();
        socket.abort();
        StandInDrive drive = standIn.drives().stream().filter(d -> task.equals(d.taskId())).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(drive::completed);
        assertEquals(List.of("Start", "audio", "Stop"), drive.frames(), "Stop after what arrived");
        assertEquals(9600, drive.bytes());
        long stopMs = TimeUnit.NANOSECONDS.toMillis(drive.stoppedAtNanos() - abortedAt);
        assertTrue(stopMs < 500, "Stop came " + stopMs + " ms after the client left: the disconnect, not the 1 s gap");
        DriveBoard board = context.getRegistry().lookupByNameAndType(DriveBoard.BEAN, DriveBoard.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> board.snapshot().recent().stream()
                .anyMatch(e -> task.equals(e.report().taskId())));
        DriveOutcome report = board.snapshot().recent().stream().filter(e -> task.equals(e.report().taskId()))
                .findFirst().orElseThrow().report();
        assertEquals(Outcome.CUT, report.outcome(), "reported cut, not driven");
    }

    @Test
    void aFrameAboveTheLimitIsClosedWith1009AndAReasonNamingIt() throws Exception {
        SocketAnswer answer = new SocketAnswer();
        WebSocket socket = open("?rate=16000", answer);
        socket.sendBinary(ByteBuffer.wrap(TestClips.pcm16(16000, 0.2)), true).join();
        socket.sendBinary(ByteBuffer.wrap(new byte[50 * 1024 * 1024]), true);
        assertEquals(1009, answer.closed.get(10, TimeUnit.SECONDS));
        assertTrue(answer.closeReason.contains("52428800 bytes is larger than the 65536"), answer.closeReason);
    }

    @Test
    void aMessageAboveTheLimitInSmallFramesIsClosedWith1009() throws Exception {
        SocketAnswer answer = new SocketAnswer();
        WebSocket socket = open("?rate=16000", answer);
        byte[] piece = new byte[60 * 1024];
        for (int i = 0; i < 5 && !answer.closed.isDone(); i++) {
            socket.sendBinary(ByteBuffer.wrap(piece), false).join();
        }
        assertEquals(1009, answer.closed.get(10, TimeUnit.SECONDS));
        assertTrue(answer.closeReason.contains("message of more than 262144"), answer.closeReason);
    }

    @Test
    void aRateTheAvatarDoesNotTakeIsAnsweredWithTheReasonAndClose1007() throws Exception {
        SocketAnswer answer = new SocketAnswer();
        open("?rate=44100", answer);
        JsonNode report = JSON.readTree(answer.report.get(10, TimeUnit.SECONDS));
        assertEquals("failed", report.path("outcome").asText());
        assertTrue(report.path("reason").asText().contains("44100"), report.toString());
        assertEquals(1007, answer.closed.get(5, TimeUnit.SECONDS));
    }
}
