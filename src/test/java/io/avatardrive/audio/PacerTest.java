package io.avatardrive.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacerTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void leadGoesAtOnceThenEachChunkWhenItsAudioTimeMinusLeadArrives() {
        AtomicLong now = new AtomicLong(0);
        List<Long> sendTimes = new ArrayList<>();
        Pacer pacer = new Pacer(500, () -> now.get());
        // the test moves the clock to each chunk's due time, so the pacer never parks
        for (int i = 0; i < 20; i++) {
            long offset = i * 100 * MS;
            long due = Math.max(0, offset - 500 * MS);
            now.set(Math.max(now.get(), due));
            pacer.awaitTurn(offset, offset + 100 * MS);
            pacer.sent();
            sendTimes.add(now.get() / MS);
        }
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 100L, 200L, 300L), sendTimes.subList(0, 9));
        assertEquals(1400L, sendTimes.get(19));
        assertEquals(600, pacer.maxLeadMs(), "never more than lead + one chunk ahead");
    }

    @Test
    void lateSendsDoNotShiftLaterDeadlines() {
        AtomicLong now = new AtomicLong(0);
        Pacer pacer = new Pacer(0, () -> now.get());
        pacer.awaitTurn(0, 100 * MS);
        pacer.sent();
        now.set(250 * MS); // the second chunk goes 150 ms late
        pacer.awaitTurn(100 * MS, 200 * MS);
        assertEquals(150, pacer.maxLatenessMs());
        // the third chunk's deadline is still start + 200 ms: it goes at once, no drift carried over
        pacer.awaitTurn(200 * MS, 300 * MS);
        assertEquals(250 * MS, now.get());
    }

    @Test
    void realClockWaitsUntilTheDeadline() {
        Pacer pacer = new Pacer(0);
        long start = System.nanoTime();
        pacer.awaitTurn(0, 30 * MS);
        pacer.sent();
        pacer.awaitTurn(30 * MS, 60 * MS);
        assertTrue(System.nanoTime() - start >= 30 * MS, "the second chunk must wait for its audio time");
    }

    @Test
    void anInterruptedWaitEndsTheStreamInsteadOfSpinning() throws Exception {
        Pacer pacer = new Pacer(0);
        pacer.awaitTurn(0, 100 * MS);
        pacer.sent();
        Thread.currentThread().interrupt();
        try {
            org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class,
                    () -> pacer.awaitTurn(10_000 * MS, 10_100 * MS));
        } finally {
            Thread.interrupted();
        }
    }
}
