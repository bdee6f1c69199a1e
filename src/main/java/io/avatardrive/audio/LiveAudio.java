package io.avatardrive.audio;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Audio a streaming TTS is still producing, as a stream the drive reads while pieces arrive: from queue messages, an
 * HTTP body, WebSocket frames or an application's callback. A read waits for the next piece up to the gap timeout; a
 * producer that stays silent longer, or that gives up, cuts the audio (see {@link AudioCut}) after what it sent.
 * A producer far ahead of real time is paused above a high-water mark rather than buffered without bound. A producer
 * that sends nothing for the gap timeout from its start is cut even before anything reads it, so that an idle request
 * leaves its task's lane without costing a drive; a reader can wait for the next piece without holding a thread
 * ({@link #readable()}).
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
    private final CompletableFuture<String> abandoned = new CompletableFuture<>();
    private final List<CompletableFuture<Void>> readers = new CopyOnWriteArrayList<>();

    /**
     * @param gapMs      how long a read waits for the next piece before the audio is cut
     * @param gapSetting the setting that gap comes from, named in the reason
     */
    public LiveAudio(long gapMs, String gapSetting) {
        this.gapNanos = TimeUnit.MILLISECONDS.toNanos(gapMs);
        this.gapSetting = gapSetting;
        // the JDK's one shared delay thread: an idle producer costs a queued task, not a thread
        CompletableFuture.delayedExecutor(gapMs, TimeUnit.MILLISECONDS).execute(() -> {
            if (firstAudioNanos < 0) {
                cut(gapReason());
            }
        });
    }

    private String gapReason() {
        return "no audio came for " + TimeUnit.NANOSECONDS.toMillis(gapNanos) + " ms (" + gapSetting + ")";
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
        wakeReaders();
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
        boolean cutNow = false;
        lock.lock();
        try {
            if (!ended) {
                ended = true;
                cut = reason;
                cutNow = reason != null;
                arrived.signalAll();
            }
        } finally {
            lock.unlock();
        }
        // the producer's departure is told first, so that work waiting for this audio is withdrawn, not started
        if (cutNow) {
            abandoned.complete(reason);
        }
        wakeReaders();
    }

    /** Completes with the reason once the producer gave up (went away, or sent nothing in time); never on an end. */
    public CompletionStage<String> abandoned() {
        return abandoned;
    }

    /**
     * Completes once a read would not wait: a piece waits, or the audio ended or was closed, or the gap passed (then
     * the audio is cut). Until then nothing holds a thread.
     */
    public CompletionStage<Void> readable() {
        CompletableFuture<Void> reader = new CompletableFuture<>();
        readers.add(reader);
        lock.lock();
        try {
            if (!pieces.isEmpty() || ended || closed) {
                reader.complete(null);
            }
        } finally {
            lock.unlock();
        }
        // orTimeout's timer is cancelled as soon as audio comes: a paced drive leaves no task behind per chunk
        return reader.orTimeout(gapNanos, TimeUnit.NANOSECONDS).handle((v, timedOut) -> {
            readers.remove(reader);
            if (timedOut != null && nothingWaits()) {
                cut(gapReason());
            }
            return null;
        });
    }

    private boolean nothingWaits() {
        lock.lock();
        try {
            return pieces.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    private void wakeReaders() {
        readers.forEach(reader -> reader.complete(null));
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
                    cut = gapReason();
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
        wakeReaders();
    }
}
