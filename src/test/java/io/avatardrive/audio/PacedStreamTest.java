package io.avatardrive.audio;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The paced stream on a real Vert.x event loop, writing to a sink that records when each chunk came. */
class PacedStreamTest {

    private static final int RATE = 16000;
    private static final int CHUNK_MS = 100;
    private static final long LEAD_MS = 300;

    private final Vertx vertx = Vertx.vertx();
    private final ExecutorService workers = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        workers.shutdownNow();
        vertx.close();
    }

    private record Write(long atNanos, int bytes, boolean last) {
    }

    /** A sink that records each write and completes it at once, or never from chunk {@code stallAt} on. */
    private static PacedStream.Sink recording(List<Write> writes, int stallAt) {
        return (chunk, last) -> {
            writes.add(new Write(System.nanoTime(), chunk.length, last));
            return writes.size() > stallAt ? new CompletableFuture<>() : CompletableFuture.completedFuture(null);
        };
    }

    private PacedStream stream(double seconds, Pacer pacer, PacedStream.Sink sink, long stallTimeoutMs) {
        PcmClip clip = new PcmClip("test.pcm", RATE, new ByteArrayInputStream(new byte[(int) (seconds * RATE * 2)]), "none");
        return new PacedStream(clip, new PcmChunker(clip, CHUNK_MS), pacer, sink, vertx.getOrCreateContext(), workers,
                stallTimeoutMs, "the test socket");
    }

    @Test
    void theLeadGoesAtOnceThenEachChunkAtItsTurnNeverAheadOfLeadPlusAChunk() throws Exception {
        List<Write> writes = new CopyOnWriteArrayList<>();
        stream(1.0, new Pacer(LEAD_MS), recording(writes, Integer.MAX_VALUE), 5000).start().get(5, TimeUnit.SECONDS);

        assertEquals(10, writes.size());
        assertEquals(32000, writes.stream().mapToInt(Write::bytes).sum(), "every byte, once");
        assertTrue(writes.get(9).last() && writes.stream().limit(9).noneMatch(Write::last), "last only on the last");
        long start = writes.get(0).atNanos();
        for (int i = 0; i < writes.size(); i++) {
            long atMs = TimeUnit.NANOSECONDS.toMillis(writes.get(i).atNanos() - start);
            long turnMs = Math.max(0, i * CHUNK_MS - LEAD_MS);
            assertTrue(atMs >= turnMs - 1, "chunk " + i + " went at " + atMs + " ms, before its turn at " + turnMs);
            assertTrue(atMs <= turnMs + 150, "chunk " + i + " went at " + atMs + " ms, long after its turn at " + turnMs);
        }
    }

    @Test
    void aPeerThatStopsTakingFramesFailsTheStreamAfterTheStallTimeout() {
        List<Write> writes = new CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> stream(2.0, new Pacer(LEAD_MS), recording(writes, 2), 300).start().get(5, TimeUnit.SECONDS));
        assertInstanceOf(StreamStalled.class, failed.getCause());
        assertTrue(failed.getCause().getMessage().startsWith("the test socket stalled"), failed.getCause().getMessage());
        assertEquals(3, writes.size(), "nothing is written after the write that never completed");
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) >= 300, "failed before the stall timeout");
    }

    @Test
    void aShutdownEndsTheStreamAtTheNextChunk() {
        List<Write> writes = new CopyOnWriteArrayList<>();
        Pacer pacer = new Pacer(LEAD_MS);
        PacedStream.Sink cancelAfterFirst = (chunk, last) -> {
            writes.add(new Write(System.nanoTime(), chunk.length, last));
            pacer.cancel(new CancellationException("shutting down"));
            return CompletableFuture.completedFuture(null);
        };
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> stream(2.0, pacer, cancelAfterFirst, 5000).start().get(5, TimeUnit.SECONDS));
        assertInstanceOf(CancellationException.class, failed.getCause());
        assertEquals(1, writes.size());
        assertFalse(writes.get(0).last());
    }
}
