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
        standIn.failNextCalls(ZegoReturnCodes.SYSTEM_BUSY, 1);
        HttpResponse<String> busy = post("busy-http");
        assertEquals(503, busy.statusCode(), busy.body());
        assertEquals(ZegoReturnCodes.SYSTEM_BUSY, JSON.readTree(busy.body()).path("code").asLong(), busy.body());

        standIn.failNextCalls(ZegoReturnCodes.SYSTEM_BUSY, 1);
        SocketAnswer answer = speakOverSocket("busy-ws");
        JsonNode report = JSON.readTree(answer.report.get(15, TimeUnit.SECONDS));
        assertEquals(ZegoReturnCodes.SYSTEM_BUSY, report.path("code").asLong(), report.toString());
        assertEquals(1013, answer.closed.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aVendorThatRefusesTheTaskIs502OverHttpAnd1011OverWebSocketWithTheCode() throws Exception {
        standIn.failNextCalls(ZegoReturnCodes.TASK_NOT_FOUND, 1);
        HttpResponse<String> refused = post("gone-http");
        assertEquals(502, refused.statusCode(), refused.body());
        assertEquals(ZegoReturnCodes.TASK_NOT_FOUND, JSON.readTree(refused.body()).path("code").asLong(), refused.body());

        standIn.failNextCalls(ZegoReturnCodes.TASK_NOT_FOUND, 1);
        SocketAnswer answer = speakOverSocket("gone-ws");
        JsonNode report = JSON.readTree(answer.report.get(15, TimeUnit.SECONDS));
        assertEquals(ZegoReturnCodes.TASK_NOT_FOUND, report.path("code").asLong(), report.toString());
        assertEquals(1011, answer.closed.get(5, TimeUnit.SECONDS));
    }
}
