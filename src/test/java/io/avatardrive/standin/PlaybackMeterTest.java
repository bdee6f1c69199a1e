package io.avatardrive.standin;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlaybackMeterTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void realTimeAfterALeadNeverUnderruns() {
        PlaybackMeter meter = new PlaybackMeter(300);
        for (int i = 0; i < 100; i++) {
            long at = Math.max(0, i * 100 - 500) * MS;
            meter.onAudio(at, 100 * MS);
        }
        meter.onStop(9500 * MS);
        assertEquals(0, meter.underruns());
        assertEquals(600, meter.maxLeadMs());
        assertEquals(10000, meter.audioMs());
    }

    @Test
    void theVendorSamplePacingAt24kStutters() {
        // 4096 bytes every 100 ms at 24 kHz is 85.3 ms of audio per 100 ms: slower than real time
        PlaybackMeter meter = new PlaybackMeter(300);
        long chunkNanos = 4096L * 1_000_000_000L / 48000;
        for (int i = 0; i < 117; i++) {
            meter.onAudio(i * 100 * MS, chunkNanos);
        }
        assertEquals(true, meter.underruns() > 50, "underruns: " + meter.underruns());
        assertEquals(true, meter.stallMs() > 1000, "stall: " + meter.stallMs());
    }

    @Test
    void aGapLongerThanTheBufferIsOneUnderrunOfTheGapsLength() {
        PlaybackMeter meter = new PlaybackMeter(300);
        meter.onAudio(0, 300 * MS);      // playback starts at 0, runs dry at 300 ms
        meter.onAudio(500 * MS, 300 * MS);
        assertEquals(1, meter.underruns());
        assertEquals(200, meter.stallMs());
    }
}
