package io.avatardrive.drive;

import java.util.concurrent.TimeUnit;

import io.avatardrive.audio.PcmClip;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much of a drive's audio has gone out, counted as the stream writes it: what its report and the console read,
 * and what a long drive logs every few seconds so that an operator sees it is alive.
 */
final class SentAudio {

    private static final Logger LOG = LoggerFactory.getLogger(SentAudio.class);
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final String clipName;
    private final String taskId;
    private final PcmClip clip;
    /** Written by the stream's event loop, read by the console. */
    private volatile long bytes;
    private long chunks;
    private long firstAt = -1;
    private long lastProgressLog = System.nanoTime();

    SentAudio(String clipName, String taskId, PcmClip clip) {
        this.clipName = clipName;
        this.taskId = taskId;
        this.clip = clip;
    }

    /** One chunk of {@code chunkBytes} was written to the avatar. */
    void written(int chunkBytes) {
        if (firstAt < 0) {
            firstAt = System.nanoTime();
        }
        bytes += chunkBytes;
        chunks++;
        logProgress();
    }

    long bytes() {
        return bytes;
    }

    long chunks() {
        return chunks;
    }

    /** When the first chunk was written ({@link System#nanoTime()}), or -1 before it. */
    long firstAt() {
        return firstAt;
    }

    long sentMs() {
        return TimeUnit.NANOSECONDS.toMillis(clip.audioNanos(bytes));
    }

    private void logProgress() {
        long now = System.nanoTime();
        if (now - lastProgressLog < PROGRESS_EVERY_NANOS) {
            return;
        }
        lastProgressLog = now;
        long expected = clip.expectedBytes();
        long sentSeconds = TimeUnit.NANOSECONDS.toSeconds(clip.audioNanos(bytes));
        if (expected > 0) {
            LOG.info("{} on task {}: {}% sent ({} s of {} s)", clipName, taskId, bytes * 100 / expected, sentSeconds,
                    TimeUnit.NANOSECONDS.toSeconds(clip.audioNanos(expected)));
        } else {
            LOG.info("{} on task {}: {} s sent", clipName, taskId, sentSeconds);
        }
    }
}
