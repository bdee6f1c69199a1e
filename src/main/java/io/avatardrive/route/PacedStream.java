package io.avatardrive.route;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.avatardrive.audio.PcmChunker;

/**
 * The audio of one drive, sent at real time on timers rather than by a thread that sleeps: each chunk is read on a
 * worker, written when the pacer says its turn has come (a timer on the shared ticker), and the next chunk is read only
 * once the last is written. A thousand drives then need no thread each, the chunk arrays are reused, and a peer that
 * stops reading makes its own drive late and then fails it, never a buffer grow.
 */
final class PacedStream {

    private final ActiveDrive drive;
    private final PcmChunker chunks;
    private final Executor workers;
    private final ScheduledExecutorService ticker;
    private final long stallTimeoutMs;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    PacedStream(ActiveDrive drive, Executor workers, ScheduledExecutorService ticker) {
        this.drive = drive;
        this.chunks = drive.chunker();
        this.workers = workers;
        this.ticker = ticker;
        this.stallTimeoutMs = drive.settings().stallTimeoutMs();
    }

    /** Starts streaming; the stage completes after the last chunk is written, or with the failure that ended it. */
    CompletableFuture<Void> start() {
        workers.execute(this::readNext);
        return done;
    }

    /** On a worker: reading may block (a file, or a conversion still producing audio). */
    private void readNext() {
        byte[] chunk;
        boolean last;
        try {
            if (drive.pacer().cancelled()) {
                throw new CancellationException("the drive was cut short: the pipeline is shutting down");
            }
            if (!chunks.hasNext()) {
                done.complete(null);
                return;
            }
            chunk = chunks.next();
            last = !chunks.hasNext();
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
            return;
        }
        long wait = drive.nanosUntilTurn();
        if (wait <= 0) {
            write(chunk, last);
        } else {
            ticker.schedule(() -> write(chunk, last), wait, TimeUnit.NANOSECONDS);
        }
    }

    /** On the ticker (or the worker, for the lead): hands the chunk to the socket, which does not block. */
    private void write(byte[] chunk, boolean last) {
        if (drive.pacer().cancelled()) {
            done.completeExceptionally(new CancellationException("the drive was cut short: the pipeline is shutting down"));
            return;
        }
        drive.turnTaken(chunk.length);
        ScheduledFuture<?> stall = ticker.schedule(() -> done.completeExceptionally(new DriveFailure(Stage.STREAM,
                "the drive socket stalled: a frame was not written within " + stallTimeoutMs
                + " ms (drive.stall-timeout-ms)", null)), stallTimeoutMs, TimeUnit.MILLISECONDS);
        CompletableFuture<Void> written;
        try {
            written = drive.session().audio(chunk, last);
        } catch (RuntimeException e) {
            stall.cancel(false);
            done.completeExceptionally(e);
            return;
        }
        written.whenComplete((v, failure) -> {
            stall.cancel(false);
            if (failure != null) {
                done.completeExceptionally(failure instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : failure);
            } else if (!done.isDone()) {
                drive.written(chunk.length);
                chunks.release(chunk);
                if (last) {
                    done.complete(null);
                } else {
                    workers.execute(this::readNext);
                }
            }
        });
    }
}
