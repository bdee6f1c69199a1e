package io.avatardrive.standin;

import java.util.concurrent.TimeUnit;

/**
 * Plays received audio back in real time the way an avatar would: playback starts once the buffer holds 300 ms (or at
 * Stop, for a shorter clip) and stalls whenever the audio runs out before Stop. Each stall is an underrun, i.e. a stutter.
 */
public final class PlaybackMeter {

    private final long bufferNanos;
    private final long scheduleLeadNanos;
    private long lastAudioAt = -1;
    private long lastChunkOffsetNanos;
    private long firstAudioAt = -1;
    private long playStartAt = -1;
    private long receivedNanos;
    private long stalledNanos;
    private long underruns;
    private long maxLeadNanos;
    private long stopAt = -1;

    public PlaybackMeter(long bufferMs) {
        this(bufferMs, 0);
    }

    /**
     * @param scheduleLeadMs the lead the sender is meant to keep, against which each chunk's lateness is measured
     */
    public PlaybackMeter(long bufferMs, long scheduleLeadMs) {
        this.bufferNanos = TimeUnit.MILLISECONDS.toNanos(bufferMs);
        this.scheduleLeadNanos = TimeUnit.MILLISECONDS.toNanos(scheduleLeadMs);
    }

    /**
     * Audio of the given duration arrived at {@code now}. Returns how late it came against a real-time schedule from the
     * first audio (first audio + audio before it - lead), or {@link Long#MIN_VALUE} for chunks of the lead.
     */
    public synchronized long onAudio(long now, long audioNanos) {
        if (firstAudioAt < 0) {
            firstAudioAt = now;
        }
        if (playStartAt >= 0) {
            long playedUpTo = now - playStartAt - stalledNanos;
            if (playedUpTo > receivedNanos) {
                // the player ran dry before this chunk came: it stood still from then until now
                underruns++;
                stalledNanos += playedUpTo - receivedNanos;
            }
        }
        long lateness = receivedNanos > scheduleLeadNanos
                ? now - (firstAudioAt + receivedNanos - scheduleLeadNanos) : Long.MIN_VALUE;
        lastAudioAt = now;
        lastChunkOffsetNanos = receivedNanos;
        receivedNanos += audioNanos;
        if (playStartAt < 0 && receivedNanos >= bufferNanos) {
            playStartAt = now;
        }
        maxLeadNanos = Math.max(maxLeadNanos, receivedNanos - (now - firstAudioAt));
        return lateness;
    }

    /** Wall time over audio time after the lead: 1.0 is exact real time, above it is slower, below faster. */
    public synchronized double wallOverAudio() {
        long audioAfterLead = lastChunkOffsetNanos - scheduleLeadNanos;
        return audioAfterLead <= 0 ? Double.NaN : (double) (lastAudioAt - firstAudioAt) / audioAfterLead;
    }

    public synchronized long firstAudioAtNanos() {
        return firstAudioAt;
    }

    /** Audio received but not yet played at {@code now}: how long the avatar has left to speak. */
    public synchronized long unplayedNanos(long now) {
        if (playStartAt < 0) {
            return receivedNanos;
        }
        return Math.max(0, receivedNanos - (now - playStartAt - stalledNanos));
    }

    public synchronized void onStop(long now) {
        stopAt = now;
    }

    public synchronized long underruns() {
        return underruns;
    }

    public synchronized long stallMs() {
        return TimeUnit.NANOSECONDS.toMillis(stalledNanos);
    }

    /** How far the received audio was ever ahead of real time since the first audio arrived. */
    public synchronized long maxLeadMs() {
        return TimeUnit.NANOSECONDS.toMillis(maxLeadNanos);
    }

    public synchronized long audioMs() {
        return TimeUnit.NANOSECONDS.toMillis(receivedNanos);
    }

    /** From the first audio to Stop on the wire. */
    public synchronized long wallMs() {
        return firstAudioAt < 0 || stopAt < 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(stopAt - firstAudioAt);
    }

    /** One line for a log: how much audio at what rate, and how it played. */
    public synchronized String summary(int sampleRate) {
        return audioMs() + " ms at " + sampleRate + " Hz, " + underruns + " underruns (" + stallMs() + " ms stalled), max lead "
               + maxLeadMs() + " ms";
    }
}
