package io.avatardrive.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Short synthetic clips for tests: a tone as 16-bit PCM, wrapped in a WAV of any format when asked. */
public final class TestClips {

    private TestClips() {
    }

    /** Mono s16le PCM: a 440 Hz tone with a ramp, so that every chunk differs and a reordering shows in the digest. */
    public static byte[] pcm16(int rate, double seconds) {
        int samples = (int) Math.round(rate * seconds);
        ByteBuffer out = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            double t = (double) i / rate;
            out.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * t) + (i % 1000)));
        }
        return out.array();
    }

    /** A WAV of the given PCM format (signed integer samples), holding the same tone on every channel. */
    public static byte[] wav(float rate, int bits, int channels, double seconds) {
        int frames = (int) Math.round(rate * seconds);
        int bytesPerSample = bits / 8;
        ByteBuffer data = ByteBuffer.allocate(frames * channels * bytesPerSample).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            double v = 0.25 * Math.sin(2 * Math.PI * 440 * i / rate);
            for (int c = 0; c < channels; c++) {
                switch (bits) {
                    case 8 -> data.put((byte) (128 + Math.round(v * 127)));
                    case 16 -> data.putShort((short) Math.round(v * Short.MAX_VALUE));
                    case 24 -> {
                        int s = (int) Math.round(v * 8388607);
                        data.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
                    }
                    case 32 -> data.putInt((int) Math.round(v * Integer.MAX_VALUE));
                    default -> throw new IllegalArgumentException(bits + " bits");
                }
            }
        }
        boolean signed = bits > 8;
        AudioFormat format = new AudioFormat(rate, bits, channels, signed, false);
        return wrap(format, data.array());
    }

    /** A WAV whose data chunk is exactly the given mono s16le PCM. */
    public static byte[] wav16(int rate, byte[] pcm) {
        return wrap(new AudioFormat(rate, 16, 1, true, false), pcm);
    }

    private static byte[] wrap(AudioFormat format, byte[] data) {
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(data), format,
                data.length / format.getFrameSize())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
