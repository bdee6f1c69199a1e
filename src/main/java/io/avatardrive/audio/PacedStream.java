package io.avatardrive.audio;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Context;

/**
 * Audio sent at real time on timers rather than by a thread that sleeps: an avatar drive's PCM, or a voice
 * conversion's input. Everything happens on the event loop of the connection it goes to: a chunk is read, written
 * when the pacer says its turn has come (a Vert.x timer), and the next one is read only once the last is written. A
 * thousand streams need no thread each and no hand-over between threads per chunk; the chunk arrays are reused; and a
 * peer that stops reading makes its own stream late, then fails it, never a buffer grow. A clip still being produced
 * (a voice conversion's output) is read on a worker instead, since its reads may wait.
 */
public final class PacedStream {

    /** Where a paced stream's chunks go. */
    public interface Sink {
        /** Writes one chunk without waiting; the stage completes once it is written. */
        CompletableFuture<Void> write(byte[] chunk, boolean last);

        /** A chunk has been written (for reports and progress). */
        default void written(int bytes) {
        }
    }

    private static final long STALL_CHECK_MS = 250;

    private record Chunk(byte[] pcm, boolean last) {
    }

    private final PcmChunker chunks;
    private final PcmClip clip;
    private final Pacer pacer;
    private final Sink sink;
    private final Context loop;
    private final Executor workers;
    private final long stallTimeoutNanos;
    private final String what;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private long sentBytes;
    private long writeStartedAt = -1;
    private long stallCheck = -1;

    /**
     * @param what names the socket in a stall error ("the drive socket")
     */
    public PacedStream(PcmClip clip, PcmChunker chunks, Pacer pacer, Sink sink, Context loop, Executor workers,
                long stallTimeoutMs, String what) {
        this.chunks = chunks;
        this.clip = clip;
        this.pacer = pacer;
        this.sink = sink;
        this.loop = loop;
        this.workers = workers;
        this.stallTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(stallTimeoutMs);
        this.what = what;
    }

    /** Starts streaming; the stage completes after the last chunk is written, or with the failure that ended it. */
    public CompletableFuture<Void> start() {
        loop.runOnContext(v -> {
            stallCheck = loop.owner().setPeriodic(STALL_CHECK_MS, id -> checkStall());
            next();
        });
        return done.whenComplete((v, failure) -> loop.runOnContext(x -> loop.owner().cancelTimer(stallCheck)));
    }

    /**
     * Ends the stream now if the pacer was cancelled, even while a read waits for live audio that may never come: the
     * caller then sends Stop at once.
     */
    public void cancelled() {
        loop.runOnContext(v -> endedByShutdown());
    }

    private void next() {
        if (endedByShutdown()) {
            return;
        }
        if (clip.live()) {
            // an idle producer holds no thread: the read goes to a worker once audio waits (or the gap passed)
            clip.readable().thenRunAsync(() -> {
                Chunk chunk = read();
                loop.runOnContext(v -> schedule(chunk));
            }, workers);
        } else {
            schedule(read());
        }
    }

    /** The next chunk, and whether it is the last; null at the end or after a failure (which ends the stream). */
    private Chunk read() {
        try {
            if (!chunks.hasNext()) {
                done.complete(null);
                return null;
            }
            byte[] pcm = chunks.next();
            // live audio is not read ahead to learn whether this chunk is the last: that would hold each chunk back
            // until the next one arrived; its stream ends at the next read instead
            return new Chunk(pcm, !clip.live() && !chunks.hasNext());
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
            return null;
        }
    }

    private void schedule(Chunk chunk) {
        if (chunk == null || done.isDone()) {
            return;
        }
        long wait = pacer.nanosUntilTurn(clip.audioNanos(sentBytes));
        if (wait <= 0) {
            write(chunk);
        } else {
            // timers have millisecond resolution: rounding up keeps the peer from getting audio before its turn
            loop.owner().setTimer(Math.max(1, (wait + 999_999) / 1_000_000), id -> write(chunk));
        }
    }

    private void write(Chunk chunk) {
        if (endedByShutdown()) {
            return;
        }
        int length = chunk.pcm().length;
        pacer.turnTaken(clip.audioNanos(sentBytes + length));
        writeStartedAt = System.nanoTime();
        CompletableFuture<Void> written;
        try {
            written = sink.write(chunk.pcm(), chunk.last());
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
            return;
        }
        written.whenComplete((v, failure) -> {
            writeStartedAt = -1;
            if (failure != null) {
                done.completeExceptionally(failure instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : failure);
            } else if (!done.isDone()) {
                pacer.sent();
                sentBytes += length;
                sink.written(length);
                chunks.release(chunk.pcm());
                if (chunk.last()) {
                    done.complete(null);
                } else {
                    next();
                }
            }
        });
    }

    /** Whether the drive was cut short (an interrupt, a shutdown); if so the stream ends here, and Stop still follows. */
    private boolean endedByShutdown() {
        if (pacer.cancelled()) {
            done.completeExceptionally(pacer.cancellation());
            return true;
        }
        return false;
    }

    private void checkStall() {
        if (writeStartedAt >= 0 && System.nanoTime() - writeStartedAt > stallTimeoutNanos) {
            done.completeExceptionally(new StreamStalled(what + " stalled: a frame was not written within "
                    + TimeUnit.NANOSECONDS.toMillis(stallTimeoutNanos) + " ms (drive.stall-timeout-ms)"));
        }
    }
}
