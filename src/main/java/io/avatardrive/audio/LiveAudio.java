package io.avatardrive.audio;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Audio a streaming TTS is still producing, as a stream the drive reads while pieces arrive: from queue messages, an
 * HTTP body, WebSocket frames or an application's callback. A read waits for the next piece up to the gap timeout; a
 * producer that stays silent longer, or that gives up, cuts the audio (see {@link AudioCut}) after what it sent.
 * A producer far ahead of real time is paused above a high-water mark rather than buffered without bound.
 */
public final class LiveAudio extends PieceStream {

    private final long gapNanos;
    private final String gapSetting;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Deque<byte[]> pieces = new ArrayDeque<>();
    private long queued;
    private boolean ended;
    private boolean closed;
    private String cut;
    private long highWater = Long.MAX_VALUE;
    private Runnable pause = () -> { };
    private Runnable resume = () -> { };
    private boolean paused;
    private volatile long firstAudioNanos = -1;

    /**
     * @param gapMs      how long a read waits for the next piece before the audio is cut
     * @param gapSetting the setting that gap comes from, named in the reason
     */
    public LiveAudio(long gapMs, String gapSetting) {
        this.gapNanos = TimeUnit.MILLISECONDS.toNanos(gapMs);
        this.gapSetting = gapSetting;
    }

    /** Pauses the producer while more than {@code highWaterBytes} wait to be read, and resumes it below half that. */
    public LiveAudio flowControl(long highWaterBytes, Runnable pause, Runnable resume) {
        this.highWater = highWaterBytes;
        this.pause = pause;
        this.resume = resume;
        return this;
    }

    /** The next piece of audio, in order. */
    public void append(byte[] piece) {
        if (piece.length == 0) {
            return;
        }
        boolean pauseNow;
        lock.lock();
        try {
            if (ended || closed) {
                return;
            }
            if (firstAudioNanos < 0) {
                firstAudioNanos = System.nanoTime();
            }
            pieces.add(piece);
            queued += piece.length;
            pauseNow = !paused && queued > highWater;
            paused |= pauseNow;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        if (pauseNow) {
            pause.run();
        }
    }

    /** The producer is done: the stream ends after the last piece. */
    public void end() {
        finish(null);
    }

    /** The producer gave up: what arrived is read, then the read fails with {@code reason}. */
    public void cut(String reason) {
        finish(reason);
    }

    private void finish(String reason) {
        lock.lock();
        try {
            if (!ended) {
                ended = true;
                cut = reason;
                arrived.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the producer has ended or cut the audio. */
    public boolean ended() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    /** When the first audio arrived ({@link System#nanoTime()}), or -1: where a live drive's start is measured from. */
    public long firstAudioNanos() {
        return firstAudioNanos;
    }

    @Override
    protected byte[] nextPiece() throws IOException {
        boolean resumeNow = false;
        lock.lock();
        try {
            long deadline = System.nanoTime() + gapNanos;
            while (pieces.isEmpty() && !ended && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    ended = true;
                    cut = "no audio came for " + TimeUnit.NANOSECONDS.toMillis(gapNanos) + " ms (" + gapSetting + ")";
                    break;
                }
                arrived.awaitNanos(left);
            }
            if (pieces.isEmpty()) {
                if (cut != null && !closed) {
                    throw new AudioCut(cut);
                }
                return null;
            }
            byte[] piece = pieces.poll();
            queued -= piece.length;
            resumeNow = paused && queued <= highWater / 2;
            paused &= !resumeNow;
            return piece;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for live audio");
        } finally {
            lock.unlock();
            if (resumeNow) {
                resume.run();
            }
        }
    }

    /** The reader is done: pieces still waiting are dropped, and a read waiting for one returns. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            pieces.clear();
            queued = 0;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
