package io.avatardrive.audio;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Audio that arrives while it is being read: a converter writes what it has produced, the drive reads it as a stream and
 * waits for more. The converter and the drive both run at real time, so what sits here stays about one lead's worth.
 */
public final class AudioPipe extends PieceStream {

    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> pieces = new LinkedBlockingQueue<>();
    private final CountDownLatch firstAudio = new CountDownLatch(1);
    private final long stallTimeoutMs;
    private final String what;
    private final Runnable onClose;
    private volatile Throwable failure;
    private volatile boolean ended;

    /**
     * @param stallTimeoutMs how long a read waits for more audio before it fails
     * @param what           names the producer in errors ("SAMI")
     * @param onClose        stops the producer when the reader gives up
     */
    public AudioPipe(long stallTimeoutMs, String what, Runnable onClose) {
        this.stallTimeoutMs = stallTimeoutMs;
        this.what = what;
        this.onClose = onClose;
    }

    public void write(byte[] audio) {
        if (audio.length > 0 && !ended) {
            pieces.add(audio);
            firstAudio.countDown();
        }
    }

    public void finish() {
        if (!ended) {
            ended = true;
            pieces.add(END);
            firstAudio.countDown();
        }
    }

    public void fail(Throwable cause) {
        if (!ended) {
            failure = cause;
            finish();
        }
    }

    public boolean ended() {
        return ended;
    }

    /** Waits for the first audio, or the end; a failure before any audio is thrown. */
    public void awaitFirstAudio() throws Exception {
        if (!firstAudio.await(stallTimeoutMs, TimeUnit.MILLISECONDS)) {
            throw new IOException(what + " produced no audio within " + stallTimeoutMs + " ms (drive.stall-timeout-ms)");
        }
        Throwable cause = failure;
        if (cause instanceof Exception e && pieces.peek() == END) {
            throw e;
        }
    }

    @Override
    protected byte[] nextPiece() throws IOException {
        try {
            byte[] piece = pieces.poll(stallTimeoutMs, TimeUnit.MILLISECONDS);
            if (piece == null) {
                throw new IOException(what + " sent no audio for " + stallTimeoutMs + " ms (drive.stall-timeout-ms)");
            }
            if (piece == END) {
                Throwable cause = failure;
                if (cause != null) {
                    throw new IOException(what + " failed: " + cause.getMessage(), cause);
                }
                return null;
            }
            return piece;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for audio from " + what);
        }
    }

    @Override
    public void close() {
        ended = true;
        pieces.clear();
        onClose.run();
    }
}
