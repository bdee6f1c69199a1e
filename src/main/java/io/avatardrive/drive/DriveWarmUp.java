package io.avatardrive.drive;

import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioSystem;

import io.avatardrive.audio.PcmChunker;
import io.avatardrive.audio.PcmClip;
import io.avatardrive.audio.PcmNormaliser;
import io.avatardrive.vendor.SocketClients;
import io.avatardrive.vendor.AvatarSession;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness waits for this: a drive's work done once on loopback before the first real drive, so that the first
 * conversation on a new instance is not the one that loads and starts everything. A throwaway WebSocket sink on
 * 127.0.0.1 takes a Start, a chunk of silence and a Stop through the same client, session and frames a drive uses, and
 * a WAV is normalised and chunked. No vendor is called. A warm-up that fails only logs: the first drive is then slower.
 */
public final class DriveWarmUp extends AbstractHealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(DriveWarmUp.class);
    private static final long TIMEOUT_MS = 10_000;

    private final CompletableFuture<Void> done = new CompletableFuture<>();

    public DriveWarmUp() {
        super("avatar-drive", "warm-up");
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (done.isDone()) {
            builder.up();
        } else {
            builder.down().message("warming up the drive's clients before the first drive");
        }
    }

    /** Warms up on {@code worker}; readiness is UP once it is over, whatever its outcome. */
    void start(Vertx vertx, SocketClients clients, Executor worker, AvatarBackends backends) {
        worker.execute(() -> {
            long began = System.nanoTime();
            try {
                warm(vertx, clients, backends);
                LOG.info("Warmed up in {} ms: the first drive finds its clients ready",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
            } catch (Exception e) {
                LOG.warn("The warm-up did not finish ({}); the first drive loads what it needs itself", e.toString());
            } finally {
                done.complete(null);
            }
        });
    }

    private static void warm(Vertx vertx, SocketClients clients, AvatarBackends backends) throws Exception {
        HttpServer sink = vertx.createHttpServer().webSocketHandler(socket -> socket.handler(frame -> { }))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        try {
            for (AvatarBackend backend : backends.all()) {
                AvatarSession session = backend.warmUpSession(clients, "ws://127.0.0.1:" + sink.actualPort() + "/warm-up");
                if (session != null) {
                    warm(session);
                }
            }
        } finally {
            sink.close();
        }
    }

    private static void warm(AvatarSession session) throws Exception {
        byte[] pcm = new byte[3200];
        PcmClip clip = new PcmNormaliser(16000).raw("warm-up", new ByteArrayInputStream(pcm), 16000,
                AudioSystem.NOT_SPECIFIED);
        try {
            session.open();
            PcmChunker chunks = new PcmChunker(clip, 100);
            while (chunks.hasNext()) {
                session.audio(chunks.next(), !chunks.hasNext()).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
            session.end();
        } finally {
            session.close();
        }
    }
}
