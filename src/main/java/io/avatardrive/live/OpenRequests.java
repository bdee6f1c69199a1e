package io.avatardrive.live;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cap on live requests open at once over HTTP and WebSocket ({@code ingress.max-open}): beyond it a request is
 * refused at once (503, or close 1013) rather than queued, so that a flood of idle or abusive connections costs a bounded
 * amount of memory and lane places.
 */
final class OpenRequests {

    static final String SETTING = "ingress.max-open";

    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    OpenRequests(int max) {
        this.max = max;
    }

    /** A place for one request, given back once by the returned handle (further calls do nothing); null when full. */
    Runnable tryOpen() {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            return null;
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
        };
    }

    /** Why a request was refused, as its answer says. */
    String refusal() {
        return "the live ingress has " + max + " requests open (" + SETTING + "); try again shortly";
    }
}
