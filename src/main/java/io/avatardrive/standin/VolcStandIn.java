package io.avatardrive.standin;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.volc.VolcCodes;
import io.avatardrive.volc.VolcFrames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Volcengine virtual human that speaks the TTA protocol: it checks the appid and access_token, the
 * {@code |CTL|00|} session JSON and the framing of every frame, and answers {@code |MSG|00|}. In audio mode it plays the
 * 16 kHz audio back against a 300 ms buffer and sends {@code voice_start} and, once the last piece has played,
 * {@code voice_end}. In text mode it says each {@code |CTL|02|} text for a time that grows with its characters, between
 * {@code voice_start} and {@code voice_end}, and {@code |CTL|03|} stops it at once.
 */
public final class VolcStandIn extends WebSocketStandIn {

    public static final String PATH = "/api/v1/volc_virtual_human/tta/2d";

    private static final Logger LOG = LoggerFactory.getLogger(VolcStandIn.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String appId;
    private final String accessToken;
    private final long playbackBufferMs;
    private final List<VolcStandInSession> sessions = new CopyOnWriteArrayList<>();
    private final Deque<long[]> injected = new ArrayDeque<>();
    private final java.util.concurrent.atomic.AtomicInteger injectedAnswers = new java.util.concurrent.atomic.AtomicInteger();
    private volatile long speechMsPerCharacter = 150;

    public VolcStandIn(String appId, String accessToken) {
        this(appId, accessToken, 300);
    }

    public VolcStandIn(String appId, String accessToken, long playbackBufferMs) {
        this.appId = appId;
        this.accessToken = accessToken;
        this.playbackBufferMs = playbackBufferMs;
    }

    /** Fault injection: the next {@code times} sessions are answered with this status code instead of 1000. */
    public VolcStandIn failNextSessions(long code, int times) {
        synchronized (injected) {
            for (int i = 0; i < times; i++) {
                injected.add(new long[] {code});
            }
        }
        return this;
    }

    /** How many sessions were answered with an injected code: proof that a fault a test asked for happened. */
    public int injectedAnswers() {
        return injectedAnswers.get();
    }

    /** How long the avatar takes to say one character of a text; tests shorten it. */
    public VolcStandIn speechMsPerCharacter(long ms) {
        this.speechMsPerCharacter = ms;
        return this;
    }

    private Long injectedCode() {
        synchronized (injected) {
            long[] next = injected.poll();
            return next == null ? null : next[0];
        }
    }

    public VolcStandIn start(int wantedPort) {
        listen(wantedPort);
        LOG.info("Volcengine TTA stand-in listening on {}", ttaUrl());
        return this;
    }

    public String ttaUrl() {
        return "ws://127.0.0.1:" + port() + PATH;
    }

    public List<VolcStandInSession> sessions() {
        return List.copyOf(sessions);
    }

    /** Waits until {@code count} sessions have closed. */
    public boolean awaitClosed(int count, long timeoutMs) throws InterruptedException {
        return await(() -> sessions.stream().filter(VolcStandInSession::closed).count(), count, timeoutMs);
    }

    @Override
    protected void onSocket(ServerWebSocket ws) {
        QueryStringDecoder query = new QueryStringDecoder(ws.uri());
        if (!PATH.equals(ws.path()) || !appId.equals(first(query, "appid")) || !accessToken.equals(first(query, "access_token"))) {
            ws.reject(401);
            return;
        }
        VolcStandInSession session = new VolcStandInSession(new PlaybackMeter(playbackBufferMs));
        sessions.add(session);
        ws.textMessageHandler(text -> onText(ws, session, text));
        ws.binaryMessageHandler(frame -> onAudio(ws, session, frame.getBytes()));
        ws.closeHandler(v -> {
            session.closed(System.nanoTime());
            LOG.info("Volcengine stand-in session finished: {}", session);
        });
    }

    private static String first(QueryStringDecoder query, String name) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private void onText(ServerWebSocket ws, VolcStandInSession session, String text) {
        String header = text.length() < VolcFrames.HEADER_BYTES ? text : text.substring(0, VolcFrames.HEADER_BYTES);
        session.frame(header, text.length() - header.length());
        switch (header) {
            case VolcFrames.OPEN -> open(ws, session, text.substring(header.length()));
            case VolcFrames.CHAT -> say(ws, session, text.substring(header.length()));
            case VolcFrames.INTERRUPT -> {
                if (session.interrupted(System.nanoTime())) {
                    LOG.info("Volcengine stand-in: speech stopped by |CTL|03|");
                }
            }
            case VolcFrames.CLOSE -> {
                session.closeRequested();
                message(ws, VolcCodes.OK, "ok", 1);
                ws.close();
            }
            default -> session.violation("a text frame with header " + header);
        }
    }

    private void open(ServerWebSocket ws, VolcStandInSession session, String json) {
        String problem;
        try {
            JsonNode s = JSON.readTree(json);
            session.opened(s);
            problem = !s.path("uid").isTextual() || s.path("uid").asText().isEmpty() ? "uid is missing"
                    : !s.path("role").isTextual() || s.path("role").asText().isEmpty() ? "role is missing"
                    : !"audio".equals(s.path("input_mode").asText()) && !"text".equals(s.path("input_mode").asText())
                            ? "input_mode must be audio or text"
                    : !appId.equals(s.path("appid").asText()) ? "appid does not match the connection's"
                    : null;
        } catch (Exception e) {
            problem = "the session is not JSON";
        }
        Long code = injectedCode();
        if (problem != null) {
            session.violation(problem);
            message(ws, VolcCodes.INVALID_PARAMETER, problem, 0);
        } else if (code != null) {
            injectedAnswers.incrementAndGet();
            message(ws, code, "the stand-in was told to answer " + code, 0);
        } else {
            session.accepted();
            message(ws, VolcCodes.OK, "ok", 0);
        }
    }

    /** voice_start at once, voice_end once every character has been said, unless |CTL|03| stopped it first. */
    private void say(ServerWebSocket ws, VolcStandInSession session, String words) {
        int characters = session.chat(System.nanoTime(), words);
        if (characters <= 0) {
            return;
        }
        event(ws, VolcFrames.VOICE_START);
        long speakingMs = Math.max(1, characters * speechMsPerCharacter);
        long timer = vertx.setTimer(speakingMs, t -> {
            if (session.spoke(System.nanoTime())) {
                event(ws, VolcFrames.VOICE_END);
            }
        });
        session.speaking(() -> vertx.cancelTimer(timer));
    }

    private void onAudio(ServerWebSocket ws, VolcStandInSession session, byte[] frame) {
        long now = System.nanoTime();
        if (session.audio(now, frame)) {
            event(ws, VolcFrames.VOICE_START);
        }
        if (session.lastAudioReceived()) {
            // voice_end once everything received has been spoken
            long delayMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(session.playback().unplayedNanos(now)));
            vertx.setTimer(delayMs, t -> {
                session.voiceEnded(System.nanoTime());
                event(ws, VolcFrames.VOICE_END);
            });
        }
    }

    private static void message(ServerWebSocket ws, long code, String message, int type) {
        ws.writeTextMessage(VolcFrames.MESSAGE + JSON.createObjectNode().put("code", code).put("message", message)
                .put("type", type));
    }

    private static void event(ServerWebSocket ws, String type) {
        if (!ws.isClosed()) {
            ws.writeTextMessage(VolcFrames.EVENT + "{\"callback_info\":{\"type\":\"" + type + "\",\"data\":{}}}");
        }
    }
}
