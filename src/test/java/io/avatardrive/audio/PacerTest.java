package io.avatardrive.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacerTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Sends one 100 ms chunk the way a timer would: waits until its turn, then takes it. */
    private static void sendWhenDue(Pacer pacer, AtomicLong now, long offset) {
        long wait = pacer.nanosUntilTurn(offset);
        if (wait > 0) {
            now.addAndGet(wait);
        }
        assertTrue(pacer.nanosUntilTurn(offset) <= 0, "the turn has come once the wait is over");
        pacer.turnTaken(offset + 100 * MS);
        pacer.sent();
    }

    @Test
    void leadGoesAtOnceThenEachChunkWhenItsAudioTimeMinusLeadArrives() {
        AtomicLong now = new AtomicLong(0);
        List<Long> sendTimes = new ArrayList<>();
        Pacer pacer = new Pacer(500, now::get);
        for (int i = 0; i < 20; i++) {
            sendWhenDue(pacer, now, i * 100 * MS);
            sendTimes.add(now.get() / MS);
        }
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 100L, 200L, 300L), sendTimes.subList(0, 9));
        assertEquals(1400L, sendTimes.get(19));
        assertEquals(600, pacer.maxLeadMs(), "never more than lead + one chunk ahead");
    }

    @Test
    void lateSendsDoNotShiftLaterDeadlines() {
        AtomicLong now = new AtomicLong(0);
        Pacer pacer = new Pacer(0, now::get);
        sendWhenDue(pacer, now, 0);
        now.set(250 * MS); // the second chunk goes 150 ms late
        sendWhenDue(pacer, now, 100 * MS);
        // the third chunk's deadline is still start + 200 ms: it is due at once, no drift carried over
        assertTrue(pacer.nanosUntilTurn(200 * MS) <= 0);
        assertEquals(50 * MS, pacer.nanosUntilTurn(300 * MS), "the fourth is due at start + 300 ms, not 250 + 200");
    }

    @Test
    void theScheduleStartsWhenTheFirstChunkIsWrittenNotWhenItIsRead() {
        AtomicLong now = new AtomicLong(0);
        Pacer pacer = new Pacer(0, now::get);
        assertEquals(0, pacer.nanosUntilTurn(0));
        pacer.turnTaken(100 * MS);
        now.set(400 * MS); // a slow connection: the first chunk is written 400 ms after it was taken
        pacer.sent();
        assertEquals(100 * MS, pacer.nanosUntilTurn(100 * MS), "the second chunk waits its full 100 ms after the first");
    }

    @Test
    void theTimeTheAvatarHadNothingToPlayIsCountedAsStarved() {
        AtomicLong now = new AtomicLong(0);
        Pacer pacer = new Pacer(0, now::get);
        pacer.turnTaken(100 * MS); // 100 ms of audio at 0: it plays until 100
        pacer.sent();
        now.set(250 * MS);         // the next piece came 150 ms after the avatar ran dry
        pacer.turnTaken(200 * MS);
        now.set(300 * MS);         // on time: it still holds 50 ms
        pacer.turnTaken(300 * MS);
        assertEquals(150, pacer.starvedMs());
    }

    @Test
    void cancelMarksTheStreamForEnding() {
        Pacer pacer = new Pacer(0);
        assertFalse(pacer.cancelled());
        pacer.cancel(new java.util.concurrent.CancellationException("cut"));
        assertTrue(pacer.cancelled());
    }
}
