package io.avatardrive.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Cuts a clip's PCM into chunks of a fixed duration, reading lazily, so a sender never holds more than the chunk it
 * sends and the one after it. A chunk handed back with {@link #release} is refilled rather than a new one allocated.
 */
public final class PcmChunker implements Iterator<byte[]> {

    private final InputStream pcm;
    private final int chunkBytes;
    private final boolean wholeChunks;
    private byte[] next;
    private byte[] ahead;
    private boolean primed;
    private boolean done;
    private final Deque<byte[]> free = new ArrayDeque<>(2);

    public PcmChunker(PcmClip clip, int chunkMs) {
        this(clip, chunkMs, false);
    }

    private PcmChunker(PcmClip clip, int chunkMs, boolean wholeChunks) {
        this.pcm = clip.pcm();
        this.chunkBytes = chunkBytes(clip.sampleRate(), chunkMs);
        this.wholeChunks = wholeChunks;
    }

    /**
     * Chunks no shorter than {@code chunkMs}, for a vendor that refuses less: a short remainder joins the chunk before
     * it, and a clip shorter than one chunk is padded with silence. Reads one chunk ahead to know.
     */
    public static PcmChunker wholeChunks(PcmClip clip, int chunkMs) {
        return new PcmChunker(clip, chunkMs, true);
    }

    /** Always a whole number of 16-bit samples, so no sample is ever split across two frames. */
    public static int chunkBytes(int sampleRate, int chunkMs) {
        long samples = (long) sampleRate * chunkMs / 1000;
        if (samples <= 0 || (long) sampleRate * chunkMs % 1000 != 0) {
            throw new IllegalArgumentException("chunk of " + chunkMs + " ms is not a whole number of samples at " + sampleRate + " Hz");
        }
        return Math.toIntExact(samples * PcmClip.BYTES_PER_SAMPLE);
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            next = wholeChunks ? readWholeChunk() : readChunk();
            done = next == null;
        }
        return next != null;
    }

    @Override
    public byte[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        byte[] chunk = next;
        next = null;
        return chunk;
    }

    private byte[] readWholeChunk() {
        byte[] chunk = primed ? ahead : readChunk();
        primed = true;
        if (chunk == null) {
            return null;
        }
        ahead = chunk.length < chunkBytes ? null : readChunk();
        if (ahead != null && ahead.length < chunkBytes) {
            byte[] joined = Arrays.copyOf(chunk, chunk.length + ahead.length);
            System.arraycopy(ahead, 0, joined, chunk.length, ahead.length);
            chunk = joined;
            ahead = null;
        }
        return chunk.length < chunkBytes ? Arrays.copyOf(chunk, chunkBytes) : chunk;
    }

    /** The caller is done with this chunk (it has been written); its array may hold a later one. */
    public void release(byte[] chunk) {
        if (chunk.length == chunkBytes && free.size() < 2) {
            free.push(chunk);
        }
    }

    private byte[] readChunk() {
        try {
            byte[] buffer = free.isEmpty() ? new byte[chunkBytes] : free.pop();
            int filled = pcm.readNBytes(buffer, 0, chunkBytes);
            filled -= filled % PcmClip.BYTES_PER_SAMPLE;
            if (filled == 0) {
                return null;
            }
            return filled == chunkBytes ? buffer : Arrays.copyOf(buffer, filled);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
