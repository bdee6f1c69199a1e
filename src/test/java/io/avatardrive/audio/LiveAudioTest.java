package io.avatardrive.audio;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveAudioTest {

    @Test
    void piecesAreReadInOrderAndTheStreamEndsAfterTheLast() throws IOException {
        LiveAudio audio = new LiveAudio(1000, "drive.utterance-gap-ms");
        audio.append(new byte[] {1, 2, 3});
        audio.append(new byte[] {4});
        audio.end();
        assertArrayEquals(new byte[] {1, 2, 3, 4}, audio.readAllBytes());
    }

    @Test
    void aProducerThatGoesQuietLongerThanTheGapCutsTheAudioAfterWhatCame() throws IOException {
        LiveAudio audio = new LiveAudio(50, "drive.utterance-gap-ms");
        audio.append(new byte[] {7, 7});
        byte[] first = new byte[2];
        assertEquals(2, audio.read(first));
        AudioCut cut = assertThrows(AudioCut.class, audio::read);
        assertTrue(cut.getMessage().contains("no audio came for 50 ms (drive.utterance-gap-ms)"), cut.getMessage());
    }

    @Test
    void aCutIsReadAfterThePiecesBeforeIt() throws IOException {
        LiveAudio audio = new LiveAudio(1000, "drive.utterance-gap-ms");
        audio.append(new byte[] {1, 2});
        audio.cut("piece 3 is missing");
        byte[] first = new byte[2];
        assertEquals(2, audio.read(first));
        assertEquals("piece 3 is missing", assertThrows(AudioCut.class, audio::read).getMessage());
    }

    @Test
    void aProducerFarAheadIsPausedAboveTheHighWaterMarkAndResumedBelowHalf() throws IOException {
        AtomicInteger paused = new AtomicInteger();
        AtomicInteger resumed = new AtomicInteger();
        LiveAudio audio = new LiveAudio(1000, "gap").flowControl(100, paused::incrementAndGet, resumed::incrementAndGet);
        for (int i = 0; i < 4; i++) {
            audio.append(new byte[40]);
        }
        assertEquals(1, paused.get(), "paused once, when 120 bytes waited");
        audio.read(new byte[40]);
        audio.read(new byte[40]);
        assertEquals(0, resumed.get(), "80 bytes still wait: above half the mark");
        audio.read(new byte[40]);
        assertEquals(1, resumed.get());
    }

    @Test
    void closingWakesAReaderThatWaitsForAudio() throws Exception {
        LiveAudio audio = new LiveAudio(60_000, "gap");
        Thread closer = new Thread(audio::close);
        closer.start();
        assertEquals(-1, audio.read());
        closer.join();
    }
}
