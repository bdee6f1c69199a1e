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

    @Test
    void wholeChunksJoinAShortRemainderToTheChunkBeforeIt() {
        byte[] pcm = TestClips.pcm16(16000, 2.5);
        List<byte[]> chunks = new ArrayList<>();
        PcmChunker.wholeChunks(new PcmClip("c", 16000, new ByteArrayInputStream(pcm), "none"), 1000)
                .forEachRemaining(chunks::add);
        assertEquals(List.of(32000, 48000), chunks.stream().map(c -> c.length).toList());
        assertArrayEquals(java.util.Arrays.copyOfRange(pcm, 32000, 80000), chunks.get(1));
    }

    @Test
    void wholeChunksPadAClipShorterThanOneChunkWithSilence() {
        byte[] pcm = TestClips.pcm16(16000, 0.25);
        List<byte[]> chunks = new ArrayList<>();
        PcmChunker.wholeChunks(new PcmClip("c", 16000, new ByteArrayInputStream(pcm), "none"), 1000)
                .forEachRemaining(chunks::add);
        assertEquals(1, chunks.size());
        assertEquals(32000, chunks.get(0).length);
        assertArrayEquals(pcm, java.util.Arrays.copyOf(chunks.get(0), pcm.length));
        assertEquals(0, chunks.get(0)[31999]);
    }

    @Test
    void wholeChunksOfAnExactMultipleAreAllFull() {
        byte[] pcm = TestClips.pcm16(16000, 3.0);
        List<byte[]> chunks = new ArrayList<>();
        PcmChunker.wholeChunks(new PcmClip("c", 16000, new ByteArrayInputStream(pcm), "none"), 1000)
                .forEachRemaining(chunks::add);
        assertEquals(List.of(32000, 32000, 32000), chunks.stream().map(c -> c.length).toList());
    }
}
