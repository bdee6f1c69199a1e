package io.avatardrive.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Random;

import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fuzzes the decoder with WAVs whose headers are mutated at random: it must answer every one quickly, never hang. */
class MutatedWavHeaderTest {

    private static final int CASES = 2000;

    @Test
    void mutatedHeadersAreDecodedOrRejectedWithAReasonAndNeverHang() {
        byte[] original = TestClips.wav(22050, 16, 2, 0.05);
        Random random = new Random(20261123L);
        PcmNormaliser normaliser = new PcmNormaliser(16000);
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] mutated = original.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                mutated[random.nextInt(44)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(4) == 0) {
                mutated = java.util.Arrays.copyOf(mutated, random.nextInt(mutated.length));
            }
            byte[] input = mutated;
            boolean ok = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> decode(normaliser, input),
                    "case " + i + " hung");
            if (!ok) {
                rejected++;
            }
        }
        assertTrue(rejected > 0, "no mutation was rejected: the fuzzing does not reach the header checks");
    }

    /** True when decoded (bounded by the input's size), false when rejected with a reason. */
    private static boolean decode(PcmNormaliser normaliser, byte[] input) throws IOException {
        try (PcmClip clip = normaliser.open("fuzz.wav", new ByteArrayInputStream(input), null)) {
            InputStream pcm = clip.pcm();
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n = pcm.read(buffer); n > 0; n = pcm.read(buffer)) {
                total += n;
                // a 24 kHz conversion of at most 48 kHz 8-bit input can at most triple it: anything more is runaway output
                assertTrue(total <= input.length * 8L + 65536, "decoding produced far more audio than the input holds");
            }
            return true;
        } catch (AudioFormatProblem | IOException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a rejection without a reason");
            return false;
        }
    }
}
