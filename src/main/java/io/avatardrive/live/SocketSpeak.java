package io.avatardrive.live;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.audio.LiveAudio;
import io.avatardrive.audio.SampleRates;
import io.avatardrive.drive.ClipNames;
import io.avatardrive.drive.DriveOutcome;
import io.avatardrive.drive.FailureReport;
import io.avatardrive.drive.Stage;
import io.avatardrive.ingress.LiveDrives;
import io.avatardrive.ingress.LiveRequest;
import io.vertx.core.http.ServerWebSocket;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ws://.../tasks/{TaskId}/speak?rate=16000|24000}: one connection is one utterance. Binary frames are its PCM,
 * read as they arrive; the text frame {@code {"action":"end"}} ends it; the server answers with one text frame, the
 * report, and closes: 1000 when it was spoken (or interrupted, or superseded), 1007 for bad input or audio that broke
 * off, 1013 when the vendor was busy (try again), 1011 when the vendor refused it. A client that disconnects before
 * the end cuts its utterance: Stop is sent after what arrived.
 */
public final class SocketSpeak implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(SocketSpeak.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Utterance(ServerWebSocket socket, LiveAudio audio, Runnable release) {
    }

    private final LiveDrives drives;
    private final long gapMs;
    private final IngressLogin login;
    private final OpenRequests places;
    private final Map<String, Utterance> open = new ConcurrentHashMap<>();

    SocketSpeak(LiveDrives drives, long gapMs, IngressLogin login, OpenRequests places) {
        this.drives = drives;
        this.gapMs = gapMs;
        this.login = login;
        this.places = places;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String key = exchange.getMessage().getHeader(VertxWebsocketConstants.CONNECTION_KEY, String.class);
        VertxWebsocketEvent event = exchange.getMessage().getHeader(VertxWebsocketConstants.EVENT, VertxWebsocketEvent.class);
        switch (event) {
            case OPEN -> opened(key, exchange);
            case MESSAGE -> received(key, exchange.getMessage().getBody());
            case CLOSE, ERROR -> {
                Utterance utterance = open.remove(key);
                if (utterance != null) {
                    utterance.release().run();
                    if (!utterance.audio().ended()) {
                        utterance.audio().cut("the WebSocket client disconnected before {\"action\":\"end\"}");
                    }
                }
            }
            default -> {
            }
        }
    }

    private void opened(String key, Exchange exchange) {
        ServerWebSocket socket = exchange.getMessage().getBody(ServerWebSocket.class);
        String taskId = exchange.getMessage().getHeader("taskId", String.class);
        String name = ClipNames.safe(exchange.getMessage().getHeader("name", "utterance", String.class));
        String rateText = exchange.getMessage().getHeader("rate", String.class);
        if (!login.allows(socket.headers().get("Authorization"))) {
            // no audio is taken: the handshake lacked ingress.username and ingress.password
            socket.close((short) 1008, "unauthorised");
            return;
        }
        Integer rate = rateText == null || !rateText.matches("[0-9]{1,6}") ? null : Integer.valueOf(rateText);
        if (rate == null || !SampleRates.isDrivable(rate)) {
            answer(socket, new FailureReport(name, taskId, Stage.READ, null, null, null,
                    name + ": rate=" + rateText + " is not 16000 or 24000 (binary frames are s16le mono PCM)"));
            return;
        }
        Runnable release = places.tryOpen();
        if (release == null) {
            socket.close((short) 1013, "too many open requests (" + OpenRequests.SETTING + ")");
            return;
        }
        LiveAudio audio = new LiveAudio(gapMs, LiveDrives.GAP_SETTING)
                .flowControl(HttpSpeak.HIGH_WATER_BYTES, socket::pause, socket::resume);
        open.put(key, new Utterance(socket, audio, release));
        LiveRequest request = new LiveRequest(taskId, name, rate, true, LiveRequest.option(exchange.getMessage().getHeader("backend", String.class)),
                LiveRequest.option(exchange.getMessage().getHeader("speaker", String.class)), exchange.getMessage().getHeader("interrupt", false, Boolean.class));
        drives.speak(request, audio).whenComplete((report, failure) -> {
            open.remove(key);
            release.run();
            if (failure != null) {
                LOG.warn("{} on task {}: {}", name, taskId, failure.getMessage());
                socket.close((short) 1011, "internal error");
            } else {
                answer(socket, report);
            }
        });
    }

    private void received(String key, Object frame) {
        Utterance utterance = open.get(key);
        if (utterance == null) {
            return;
        }
        if (frame instanceof byte[] pcm) {
            utterance.audio().append(pcm);
            return;
        }
        JsonNode control;
        try {
            control = JSON.readTree(String.valueOf(frame));
        } catch (Exception notJson) {
            control = JSON.missingNode();
        }
        if ("end".equals(control.path("action").asText())) {
            utterance.audio().end();
        } else {
            utterance.audio().cut("the text frame " + ClipNames.safe(String.valueOf(frame)) + " is not {\"action\":\"end\"}");
        }
    }

    /** One text frame with the report, then the close code its outcome calls for. */
    private static void answer(ServerWebSocket socket, DriveOutcome report) {
        String json;
        try {
            json = JSON.writeValueAsString(report);
        } catch (Exception e) {
            json = "{}";
        }
        short code = switch (HttpSpeak.status(report)) {
            case 200 -> 1000;
            case 400 -> 1007;
            case 503 -> 1013;
            default -> 1011;
        };
        if (socket.isClosed()) {
            return;
        }
        socket.writeTextMessage(json).onComplete(written -> socket.close(code, report.outcome().label()));
    }
}
