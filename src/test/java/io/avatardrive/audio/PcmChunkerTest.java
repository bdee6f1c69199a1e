package io.avatardrive.audio;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PcmChunkerTest {

    @Test
    void chunksAreWholeSamplesOfTheChunkDurationAndTheLastIsTheRest() {
        byte[] pcm = TestClips.pcm16(24000, 0.25);
        PcmClip clip = new PcmClip("c", 24000, new ByteArrayInputStream(pcm), "none");
        List<byte[]> chunks = new ArrayList<>();
        new PcmChunker(clip, 100).forEachRemaining(chunks::add);
        assertEquals(List.of(4800, 4800, 2400), chunks.stream().map(c -> c.length).toList());
        byte[] joined = new byte[pcm.length];
        int at = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, joined, at, c.length);
            at += c.length;
        }
        assertArrayEquals(pcm, joined);
    }

    @Test
    void chunkSizeIsAlwaysAWholeNumberOfSamples() {
        assertEquals(3200, PcmChunker.chunkBytes(16000, 100));
        assertEquals(4800, PcmChunker.chunkBytes(24000, 100));
        assertEquals(32, PcmChunker.chunkBytes(16000, 1));
        assertThrows(IllegalArgumentException.class, () -> PcmChunker.chunkBytes(16000, 0));
    }
}
