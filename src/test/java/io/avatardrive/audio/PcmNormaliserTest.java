package io.avatardrive.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcmNormaliserTest {

    private final PcmNormaliser normaliser = new PcmNormaliser(16000);

    @TempDir
    Path dir;

    private PcmClip openFile(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return normaliser.open(file, name);
    }

    private static byte[] readAll(PcmClip clip) throws IOException {
        try (clip) {
            return clip.pcm().readAllBytes();
        }
    }

    @Test
    void pcm16MonoWavAt16kPassesThroughUntouched() throws IOException {
        byte[] pcm = TestClips.pcm16(16000, 0.5);
        PcmClip clip = openFile("a.wav", TestClips.wav16(16000, pcm));
        assertEquals(16000, clip.sampleRate());
        assertEquals("none", clip.conversion());
        assertArrayEquals(pcm, readAll(clip));
    }

    @Test
    void pcm16MonoWavAt24kPassesThroughUntouched() throws IOException {
        byte[] pcm = TestClips.pcm16(24000, 0.5);
        PcmClip clip = openFile("a.wav", TestClips.wav16(24000, pcm));
        assertEquals(24000, clip.sampleRate());
        assertArrayEquals(pcm, readAll(clip));
    }

    @Test
    void stereo44kWavBecomesMono24kOfTheSameDuration() throws IOException {
        PcmClip clip = openFile("cd.wav", TestClips.wav(44100, 16, 2, 1.0));
        assertEquals(24000, clip.sampleRate());
        byte[] pcm = readAll(clip);
        assertEquals(48000, pcm.length, 480, "one second of 24 kHz mono s16le");
    }

    @Test
    void eightBit8kWavBecomes16k() throws IOException {
        PcmClip clip = openFile("phone.wav", TestClips.wav(8000, 8, 1, 1.0));
        assertEquals(16000, clip.sampleRate());
        assertEquals(32000, readAll(clip).length, 320);
    }

    @Test
    void twentyFourBit48kStereoBecomes24kMono() throws IOException {
        PcmClip clip = openFile("studio.wav", TestClips.wav(48000, 24, 2, 0.5));
        assertEquals(24000, clip.sampleRate());
        assertEquals(24000, readAll(clip).length, 240);
    }

    @Test
    void thirtyTwoBit22kBecomes16k() throws IOException {
        PcmClip clip = openFile("tts.wav", TestClips.wav(22050, 32, 1, 1.0));
        assertEquals(16000, clip.sampleRate());
        assertEquals(32000, readAll(clip).length, 320);
    }

    @Test
    void rawPcmTakesItsRateFromTheNameOrTheDefault() throws IOException {
        byte[] pcm = TestClips.pcm16(24000, 0.2);
        PcmClip rated = openFile("hello.24000.pcm", pcm);
        assertEquals(24000, rated.sampleRate());
        assertArrayEquals(pcm, readAll(rated));
        assertEquals(16000, openFile("hello.pcm", pcm).sampleRate());
    }

    @Test
    void oddLengthRawPcmDropsTheTrailingHalfSample() throws IOException {
        byte[] pcm = TestClips.pcm16(16000, 0.1);
        byte[] odd = java.util.Arrays.copyOf(pcm, pcm.length + 1);
        assertArrayEquals(pcm, readAll(openFile("odd.pcm", odd)));
    }

    @Test
    void randomBytesNamedWavAreRejectedWithTheFileName() {
        byte[] noise = new byte[4096];
        new java.util.Random(7).nextBytes(noise);
        AudioFormatProblem e = assertThrows(AudioFormatProblem.class, () -> openFile("noise.wav", noise));
        assertTrue(e.getMessage().startsWith("noise.wav: not a WAV"), e.getMessage());
    }

    @Test
    void emptyFileIsRejected() {
        AudioFormatProblem e = assertThrows(AudioFormatProblem.class, () -> openFile("empty.wav", new byte[0]));
        assertEquals("empty.wav: the file is empty", e.getMessage());
    }

    @Test
    void rawPcmAtAnUndrivableRateIsRejected() {
        assertThrows(AudioFormatProblem.class, () -> openFile("x.44100.pcm", new byte[100]));
    }

    @Test
    void streamInputIsSniffedForRiff() throws IOException {
        byte[] pcm = TestClips.pcm16(24000, 0.2);
        PcmClip wav = normaliser.open("m1", new ByteArrayInputStream(TestClips.wav16(24000, pcm)), null);
        assertArrayEquals(pcm, readAll(wav));
        PcmClip raw = normaliser.open("m2", new ByteArrayInputStream(pcm), 24000);
        assertEquals(24000, raw.sampleRate());
        assertArrayEquals(pcm, readAll(raw));
    }
}
