package io.avatardrive.standin;

import java.util.Arrays;

/** Chunk lateness samples from every drive, kept compactly so a benchmark of thousands of drives can take percentiles. */
public final class LatenessLog {

    private long[] samples = new long[1 << 16];
    private int size;

    synchronized void add(long latenessNanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = latenessNanos;
    }

    public synchronized void clear() {
        size = 0;
    }

    public synchronized int count() {
        return size;
    }

    /** The q-quantile (0..1) in milliseconds, or 0 with no samples. */
    public synchronized double percentileMs(double q) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int index = (int) Math.min(size - 1, Math.max(0, Math.ceil(q * size) - 1));
        return sorted[index] / 1e6;
    }
}
