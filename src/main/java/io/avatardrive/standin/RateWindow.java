package io.avatardrive.standin;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/** The stand-in's rate limit: a sliding one-second window, as strict as the vendor's limit can be. */
final class RateWindow {

    private final int perSecond;
    private final Deque<Long> recent = new ArrayDeque<>();
    private long lastCallAt = System.nanoTime() - TimeUnit.SECONDS.toNanos(2);

    RateWindow(int perSecond) {
        this.perSecond = perSecond;
    }

    /** Counts a call now; whether it is one too many for the window. */
    synchronized boolean overLimit() {
        long now = System.nanoTime();
        lastCallAt = now;
        while (!recent.isEmpty() && now - recent.peekFirst() >= TimeUnit.SECONDS.toNanos(1)) {
            recent.pollFirst();
        }
        if (recent.size() >= perSecond) {
            return true;
        }
        recent.addLast(now);
        return false;
    }

    /** The calls in the window, as offsets from the first, for a violation's text. */
    synchronized String recentText() {
        long first = recent.isEmpty() ? 0 : recent.peekFirst();
        return recent.stream().map(t -> (t - first) / 1_000_000 + "ms").toList().toString();
    }

    /** Waits until no call was made for a full window, so that a new client starts with the whole quota. */
    void awaitQuiet() throws InterruptedException {
        long quietSince;
        synchronized (this) {
            quietSince = lastCallAt;
        }
        long waitNanos = quietSince + TimeUnit.MILLISECONDS.toNanos(1050) - System.nanoTime();
        if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
    }
}
