package io.avatardrive.sami;

import java.io.ByteArrayInputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.avatardrive.audio.PcmClip;
import io.avatardrive.sami.SamiSettings;
import io.avatardrive.vendor.SocketClients;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A SAMI socket that accepts StartTask and never answers holds the clip no longer than sami.handshake-timeout-ms. */
class VoiceConversionHandshakeTest {

    private final Vertx vertx = Vertx.vertx();
    private final ExecutorService workers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        workers.shutdownNow();
        vertx.close();
    }

    @Test
    void aConverterThatNeverAnswersStartTaskFailsTheClipWithinTheHandshakeTimeout() throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        HttpServer silent = vertx.createHttpServer().webSocketHandler(ws -> { /* accepts, never answers */ })
                .listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        try {
            SamiSettings sami = new SamiSettings("ws://127.0.0.1:" + port + "/api/v1/ws", "key", "token", 1000, 500);
            PcmClip input = new PcmClip("voiced.pcm", 16000, new ByteArrayInputStream(new byte[32000]), "none");
            long started = System.nanoTime();
            ConversionFailed failed = assertThrows(ConversionFailed.class, () -> VoiceConversion.start(
                    new SocketClients(vertx, 2000), workers, sami, "speaker", input, 1000, 5000));
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue(failed.getMessage().contains("within 500 ms (sami.handshake-timeout-ms)"), failed.getMessage());
            assertTrue(tookMs >= 500 && tookMs < 3000, "the handshake was given up after " + tookMs + " ms");
        } finally {
            silent.close();
        }
    }
}
