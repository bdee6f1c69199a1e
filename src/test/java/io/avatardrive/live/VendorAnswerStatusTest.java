package io.avatardrive.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.support.LiveTestSupport;
import io.avatardrive.support.SocketAnswer;
import io.avatardrive.support.TestClips;
import io.avatardrive.zego.ZegoReturnCodes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A live client learns from the status whether to try again: the vendor busy is HTTP 503 or WebSocket 1013, the
 * vendor refusing is HTTP 502 or WebSocket 1011, each with the failure report naming the vendor's code.
 */
class VendorAnswerStatusTest extends LiveTestSupport {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> post(String task) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(speakUrl("http", task)))
                .header("Content-Type", "audio/pcm;rate=16000")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestClips.pcm16(16000, 0.2))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private SocketAnswer speakOverSocket(String task) {
        SocketAnswer answer = new SocketAnswer();
        var socket = answer.open(speakUrl("ws", task) + "?rate=16000");
        socket.sendBinary(ByteBuffer.wrap(TestClips.pcm16(16000, 0.2)), true).join();
        socket.sendText("{\"action\":\"end\"}", true).join();
        return answer;
    }

    @Test
    void aBusyVendorIs503OverHttpAnd1013OverWebSocketWithTheCode() throws Exception {
        assertAnswered(ZegoReturnCodes.SYSTEM_BUSY, 503, 1013, "busy");
    }

    @Test
    void aVendorThatRefusesTheTaskIs502OverHttpAnd1011OverWebSocketWithTheCode() throws Exception {
        assertAnswered(ZegoReturnCodes.TASK_NOT_FOUND, 502, 1011, "gone");
    }

    /** The vendor answers {@code code} once over each door: HTTP gets {@code status}, WebSocket closes with {@code close}. */
    private void assertAnswered(long code, int status, int close, String task) throws Exception {
        standIn.failNextCalls(code, 1);
        HttpResponse<String> http = post(task + "-http");
        assertEquals(status, http.statusCode(), http.body());
        assertEquals(code, JSON.readTree(http.body()).path("code").asLong(), http.body());

        standIn.failNextCalls(code, 1);
        SocketAnswer answer = speakOverSocket(task + "-ws");
        JsonNode report = JSON.readTree(answer.report.get(15, TimeUnit.SECONDS));
        assertEquals(code, report.path("code").asLong(), report.toString());
        assertEquals(close, answer.closed.get(5, TimeUnit.SECONDS));
    }
}
