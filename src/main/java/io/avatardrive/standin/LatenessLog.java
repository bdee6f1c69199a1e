package io.avatardrive.standin;

import java.util.Arrays;

/**
 * Chunk lateness samples from every drive, with when each chunk arrived, kept compactly so a benchmark of thousands of
 * drives can take percentiles, over the whole run or over a window of it (such as the steady state after a start storm).
 */
public final class LatenessLog {

    private long[] arrivals = new long[1 << 16];
    private long[] samples = new long[1 << 16];
    private int size;

    synchronized void add(long arrivedAtNanos, long latenessNanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
            arrivals = Arrays.copyOf(arrivals, size * 2);
        }
        arrivals[size] = arrivedAtNanos;
        samples[size++] = latenessNanos;
    }

    public synchronized void clear() {
        size = 0;
    }

    public synchronized int count() {
        return size;
    }

    /** The q-quantile (0..1) in milliseconds, or 0 with no samples. */
    public double percentileMs(double q) {
        return percentileMs(q, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** The q-quantile (0..1) in milliseconds of the chunks that arrived between the two times (System.nanoTime). */
    public synchronized double percentileMs(double q, long fromNanos, long toNanos) {
        long[] window = new long[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (arrivals[i] >= fromNanos && arrivals[i] <= toNanos) {
                window[n++] = samples[i];
            }
        }
        if (n == 0) {
            return 0;
        }
        Arrays.sort(window, 0, n);
        int index = (int) Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
        return window[index] / 1e6;
    }
}
