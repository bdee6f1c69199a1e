package io.avatardrive.volc;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.volc.VolcSettings;
import io.avatardrive.standin.VolcStandIn;
import io.avatardrive.standin.VolcStandInSession;
import io.avatardrive.support.TestClips;
import io.avatardrive.vendor.SocketClients;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Volcengine session alone, no route around it, against the stand-in's socket and against one that never answers. */
class VolcSessionTest {

    private static final String APP_ID = "volc-app";
    private static final String TOKEN = "volc-token";

    private final Vertx vertx = Vertx.vertx();
    private final SocketClients clients = new SocketClients(vertx, 2000);

    @AfterEach
    void stop() {
        vertx.close();
    }

    private static VolcSettings settings(String url, long handshakeTimeoutMs) {
        return new VolcSettings(url, APP_ID, TOKEN, "avatar-drive", "role", new ObjectMapper().createObjectNode(), 1000,
                5000, handshakeTimeoutMs, VolcSettings.DEFAULT_MAX_TEXT_CHARS);
    }

    @Test
    void aSessionOpensStreamsItsPiecesAndEndsWithTheVendorsFrames() throws Exception {
        try (VolcStandIn standIn = new VolcStandIn(APP_ID, TOKEN).start(AvailablePortFinder.getNextAvailable())) {
            byte[] second = TestClips.pcm16(16000, 1.0);
            try (VolcSession session = new VolcSession(clients, settings(standIn.ttaUrl(), 2000), 5000, "clip.pcm",
                    VolcFrames.InputMode.AUDIO)) {
                session.open();
                session.audio(second, false).get();
                session.audio(second.clone(), true).get();
                session.end();
            }
            assertTrue(standIn.awaitClosed(1, 5000), "the stand-in never saw the session close");
            VolcStandInSession heard = standIn.sessions().get(0);
            assertTrue(heard.frames().get(0).startsWith("|CTL|00| "), heard.frames().toString());
            assertEquals(List.of("|CTL|08| 32000 B", "|CTL|09| 32000 B", "|CTL|01|"),
                    heard.frames().subList(1, heard.frames().size()));
            assertEquals(List.of(), heard.violations());
        }
    }

    /** A stand-in that takes this long to say a character. */
    private static VolcStandIn speaking(long msPerCharacter) {
        return new VolcStandIn(APP_ID, TOKEN).speechMsPerCharacter(msPerCharacter)
                .start(AvailablePortFinder.getNextAvailable());
    }

    /** A text-mode session on the stand-in, opened. */
    private VolcSession openText(VolcStandIn standIn, String clip) throws Exception {
        VolcSession session = new VolcSession(clients, settings(standIn.ttaUrl(), 2000), 5000, clip,
                VolcFrames.InputMode.TEXT);
        try {
            session.open();
            return session;
        } catch (Exception e) {
            session.close();
            throw e;
        }
    }

    @Test
    void aTextSessionSaysItsWordsInOneChatFrameAndEndsAfterVoiceEnd() throws Exception {
        try (VolcStandIn standIn = speaking(10)) {
            try (VolcSession session = openText(standIn, "hello.txt")) {
                assertEquals(VolcSession.SpeechEnd.SAID, session.say("你好,世界", 5000));
                session.interruptSpeech();
                session.end();
            }
            assertTrue(standIn.awaitClosed(1, 5000));
            VolcStandInSession heard = standIn.sessions().get(0);
            assertEquals("text", heard.session().path("input_mode").asText());
            assertEquals(List.of("|CTL|02| 5 B", "|CTL|01|"), heard.frames().subList(1, heard.frames().size()),
                    "no |CTL|03| once the words were all said");
            assertEquals(List.of(), heard.violations());
        }
    }

    @Test
    void anInterruptStopsTheSpeechWithCtl03AndEndsTheWaitAtOnce() throws Exception {
        try (VolcStandIn standIn = speaking(1000)) {
            try (VolcSession session = openText(standIn, "long.txt")) {
                CompletableFuture<VolcSession.SpeechEnd> said = CompletableFuture.supplyAsync(() -> {
                    try {
                        return session.say("一二三四五六七八九十", 30_000);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                await().atMost(Duration.ofSeconds(5)).until(() -> !standIn.sessions().isEmpty()
                        && !standIn.sessions().get(0).said().isEmpty());
                session.interruptSpeech();
                assertEquals(VolcSession.SpeechEnd.INTERRUPTED, said.get(2, TimeUnit.SECONDS));
                assertEquals(VolcSession.SpeechEnd.INTERRUPTED, session.say("再说一句", 1000), "nothing more is said");
                session.end();
            }
            assertTrue(standIn.awaitClosed(1, 5000));
            VolcStandInSession heard = standIn.sessions().get(0);
            assertEquals(List.of("|CTL|02| 10 B", "|CTL|03|", "|CTL|01|"), heard.frames().subList(1, heard.frames().size()));
            assertTrue(heard.interruptedAtNanos() > 0);
            assertEquals(List.of(), heard.violations());
        }
    }

    @Test
    void aVoiceEndThatNeverComesEndsTheWaitUnconfirmedRatherThanSayingItAgain() throws Exception {
        try (VolcStandIn standIn = speaking(10_000)) {
            try (VolcSession session = openText(standIn, "slow.txt")) {
                assertEquals(VolcSession.SpeechEnd.UNCONFIRMED, session.say("慢", 300));
            }
            assertTrue(standIn.awaitClosed(1, 5000));
            assertEquals(1, standIn.sessions().get(0).said().size(), "the words went once");
        }
    }

    @Test
    void aTtaServerThatNeverAnswersTheSessionFailsItWithinTheHandshakeTimeout() throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        HttpServer silent = vertx.createHttpServer().webSocketHandler(ws -> { /* accepts, never answers */ })
                .listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        try {
            long started = System.nanoTime();
            try (VolcSession session = new VolcSession(clients, settings("ws://127.0.0.1:" + port + "/tta", 500), 5000,
                    "clip.pcm",
                    VolcFrames.InputMode.AUDIO)) {
                IOException failed = assertThrows(IOException.class, session::open);
                assertTrue(failed.getMessage().contains("within 500 ms (volc.handshake-timeout-ms)"), failed.getMessage());
            }
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue(tookMs >= 500 && tookMs < 3000, "the handshake was given up after " + tookMs + " ms");
        } finally {
            silent.close();
        }
    }
}
