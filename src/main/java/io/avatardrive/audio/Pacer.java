package io.avatardrive.audio;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Says when each chunk is due: its send time is computed from the drive's start on the monotonic clock (start + audio
 * sent before it - lead), never from the previous send, so lateness never accumulates into drift. The avatar is then
 * never more than lead + one chunk ahead of real time, and never behind it. The pacer only computes; the caller waits
 * on a timer, so no thread is held per drive.
 */
public final class Pacer {

    private final long leadNanos;
    private final LongSupplier clock;
    private long startNanos = -1;
    private long maxLeadNanos;
    /** When the avatar will have played all it was sent, were it never to get more. */
    private long playedOutAt = -1;
    private long audioSentNanos;
    private long starvedNanos;
    private volatile RuntimeException cancellation;

    public Pacer(long leadMs) {
        this(leadMs, System::nanoTime);
    }

    Pacer(long leadMs, LongSupplier clock) {
        this.leadNanos = TimeUnit.MILLISECONDS.toNanos(leadMs);
        this.clock = clock;
    }

    /**
     * How long until the chunk that begins at {@code audioOffsetNanos} into the clip may be sent; zero or less means
     * now. The schedule starts when the first chunk has been written (see {@link #sent()}), so a slow connection start
     * does not push the lead ahead of real time.
     */
    public long nanosUntilTurn(long audioOffsetNanos) {
        return startNanos < 0 ? 0 : startNanos + audioOffsetNanos - leadNanos - clock.getAsLong();
    }

    /** The chunk goes now: records how far ahead the avatar will be once it holds {@code audioAfterNanos}. */
    public void turnTaken(long audioAfterNanos) {
        long now = clock.getAsLong();
        long elapsed = startNanos < 0 ? 0 : now - startNanos;
        maxLeadNanos = Math.max(maxLeadNanos, audioAfterNanos - elapsed);
        // the avatar plays what it holds at real time: if it ran dry before this chunk, it had nothing to play meanwhile
        long chunk = audioAfterNanos - audioSentNanos;
        audioSentNanos = audioAfterNanos;
        if (playedOutAt >= 0 && now > playedOutAt) {
            starvedNanos += now - playedOutAt;
        }
        playedOutAt = Math.max(playedOutAt, now) + chunk;
    }

    /** A chunk was written; the first one starts the schedule. */
    public void sent() {
        if (startNanos < 0) {
            startNanos = clock.getAsLong();
        }
    }

    /** Whether the drive was cut short (see {@link #cancel}). */
    public boolean cancelled() {
        return cancellation != null;
    }

    /** Why the drive was cut short, or null. */
    public RuntimeException cancellation() {
        return cancellation;
    }

    /** Ends the stream at its next chunk, from any thread, failing it with {@code why}; the caller still sends Stop. */
    public void cancel(RuntimeException why) {
        if (cancellation == null) {
            cancellation = why;
        }
    }

    /** How long the avatar had played all it was sent and waited for more: a source slower than real time. */
    public long starvedMs() {
        return TimeUnit.NANOSECONDS.toMillis(starvedNanos);
    }

    public long maxLeadMs() {
        return TimeUnit.NANOSECONDS.toMillis(maxLeadNanos);
    }
}
