package io.avatardrive.audio;

import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Releases audio at real time after a lead: every chunk's send time is computed from the drive's start on the monotonic
 * clock (start + audio sent before it - lead), never from the previous send, so lateness never accumulates into drift.
 * The avatar is then never more than lead + one chunk ahead of real time, and never behind it.
 */
public final class Pacer {

    private final long leadNanos;
    private final LongSupplier clock;
    private long startNanos = -1;
    private long maxLeadNanos;
    private long maxLatenessNanos;
    private volatile boolean cancelled;
    private volatile Thread waiter;

    public Pacer(long leadMs) {
        this(leadMs, System::nanoTime);
    }

    Pacer(long leadMs, LongSupplier clock) {
        this.leadNanos = TimeUnit.MILLISECONDS.toNanos(leadMs);
        this.clock = clock;
    }

    /**
     * Waits until the chunk that begins at {@code audioOffsetNanos} into the clip may be sent, then records how far
     * ahead the avatar will be once it holds {@code audioAfterNanos} of audio. The schedule starts when the first chunk
     * has been written (see {@link #sent()}), so a slow connection start does not push the lead ahead of real time.
     */
    public void awaitTurn(long audioOffsetNanos, long audioAfterNanos) {
        waiter = Thread.currentThread();
        for (long wait = nanosUntilTurn(audioOffsetNanos); wait > 0; wait = nanosUntilTurn(audioOffsetNanos)) {
            if (cancelled || Thread.currentThread().isInterrupted()) {
                // the process is stopping: end the stream here, the caller still sends Stop
                throw new CancellationException("the drive was cut short: the pipeline is shutting down");
            }
            LockSupport.parkNanos(this, wait);
        }
        waiter = null;
        turnTaken(audioOffsetNanos, audioAfterNanos);
    }

    /**
     * How long until the chunk that begins at {@code audioOffsetNanos} may be sent; zero or less means now. For a
     * sender that waits on a timer instead of a thread.
     */
    public long nanosUntilTurn(long audioOffsetNanos) {
        return startNanos < 0 ? 0 : startNanos + audioOffsetNanos - leadNanos - clock.getAsLong();
    }

    /** The chunk goes now: records how late it is and how far ahead the avatar will be once it holds it. */
    public void turnTaken(long audioOffsetNanos, long audioAfterNanos) {
        if (startNanos < 0) {
            maxLeadNanos = Math.max(maxLeadNanos, audioAfterNanos);
            return;
        }
        long now = clock.getAsLong();
        if (audioOffsetNanos > leadNanos) {
            maxLatenessNanos = Math.max(maxLatenessNanos, now - (startNanos + audioOffsetNanos - leadNanos));
        }
        maxLeadNanos = Math.max(maxLeadNanos, audioAfterNanos - (now - startNanos));
    }

    /** Whether the drive was cut short (see {@link #cancel()}). */
    public boolean cancelled() {
        return cancelled;
    }

    /** Ends the wait for the next chunk at once, from any thread. */
    public void cancel() {
        cancelled = true;
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** A chunk was written; the first one starts the schedule. */
    public void sent() {
        if (startNanos < 0) {
            startNanos = clock.getAsLong();
        }
    }


    public long maxLeadMs() {
        return TimeUnit.NANOSECONDS.toMillis(maxLeadNanos);
    }

    public long maxLatenessMs() {
        return TimeUnit.NANOSECONDS.toMillis(maxLatenessNanos);
    }
}
