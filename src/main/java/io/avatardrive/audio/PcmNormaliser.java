package io.avatardrive.audio;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Turns a WAV or raw PCM source into a {@link PcmClip}, converting with javax.sound.sampled, streaming throughout. */
public final class PcmNormaliser {

    private static final int READ_BUFFER = 64 * 1024;

    private final int defaultPcmRate;

    public PcmNormaliser(int defaultPcmRate) {
        if (!SampleRates.isDrivable(defaultPcmRate)) {
            throw new IllegalArgumentException("drive.pcm-sample-rate must be 16000 or 24000, was " + defaultPcmRate);
        }
        this.defaultPcmRate = defaultPcmRate;
    }

    /** A clip file, whose name says what it holds (NAME.wav, NAME.pcm, NAME.RATE.pcm). */
    public PcmClip open(Path file, String name) throws IOException {
        ClipKind kind = ClipKind.of(name);
        if (Files.size(file) == 0) {
            throw new AudioFormatProblem(name + ": the file is empty");
        }
        long frames = Files.size(file) / PcmClip.BYTES_PER_SAMPLE;
        InputStream in = new BufferedInputStream(Files.newInputStream(file), READ_BUFFER);
        return openClosingOnFailure(in, () -> kind.wav()
                ? wav(name, in) : raw(name, in, kind.rawSampleRate().orElse(defaultPcmRate), frames));
    }

    /**
     * A clip from a stream, e.g. a message body. A name ending in .wav or .pcm says what it is, as for files; any other
     * name is sniffed: a WAV if it starts with RIFF, else raw PCM at the given rate (or the default).
     */
    public PcmClip open(String name, InputStream source, Integer sampleRate) throws IOException {
        InputStream in = new BufferedInputStream(source, READ_BUFFER);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length == 0) {
            in.close();
            throw new AudioFormatProblem(name + ": the clip is empty");
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        boolean wav = lower.endsWith(".wav")
                || !lower.endsWith(".pcm") && new String(magic, java.nio.charset.StandardCharsets.US_ASCII).equals("RIFF");
        Integer namedRate = lower.endsWith(".pcm") ? ClipKind.of(name).rawSampleRate().stream().boxed().findFirst().orElse(null) : null;
        int rate = sampleRate != null ? sampleRate : namedRate != null ? namedRate : defaultPcmRate;
        return openClosingOnFailure(in, () -> wav ? wav(name, in) : raw(name, in, rate, AudioSystem.NOT_SPECIFIED));
    }

    private interface ClipOpener {
        PcmClip open() throws IOException;
    }

    private static PcmClip openClosingOnFailure(InputStream in, ClipOpener opener) throws IOException {
        try {
            return opener.open();
        } catch (RuntimeException | IOException e) {
            in.close();
            throw e;
        }
    }

    /** Raw s16le mono; a trailing odd byte is not a whole sample and is not sent. */
    public PcmClip raw(String name, InputStream in, int sampleRate, long frames) {
        if (!SampleRates.isDrivable(sampleRate)) {
            throw new AudioFormatProblem(name + ": raw PCM at " + sampleRate + " Hz; the avatar takes 16000 or 24000");
        }
        AudioFormat format = pcm16Mono(sampleRate);
        return new PcmClip(name, sampleRate, new AudioInputStream(in, format, frames), "none");
    }

    public PcmClip wav(String name, InputStream in) throws IOException {
        AudioInputStream source;
        try {
            source = AudioSystem.getAudioInputStream(withoutZeroLength(in));
        } catch (UnsupportedAudioFileException | IOException e) {
            throw new AudioFormatProblem(name + ": not a WAV file the JDK can read (" + e + ")", e);
        }
        AudioFormat from = source.getFormat();
        int target = SampleRates.targetFor(from.getSampleRate());
        AudioFormat to = pcm16Mono(target);
        if (from.matches(to)) {
            return new PcmClip(name, target, source, "none");
        }
        try {
            return new PcmClip(name, target, convert(source, to), describe(from) + " -> " + describe(to));
        } catch (IllegalArgumentException e) {
            throw new AudioFormatProblem(name + ": cannot convert " + describe(from) + " to " + describe(to)
                                         + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * A WAV whose data chunk says 0 bytes, as a streaming TTS writes it before it knows the length, would read as
     * empty: its header is given the "unknown" length 0xFFFFFFFF instead, so the audio is read until the stream ends.
     * Reads no further than the header, so live audio is not waited for.
     */
    private static InputStream withoutZeroLength(InputStream in) throws IOException {
        in.mark(WavExtent.MAX_HEADER);
        byte[] header = WavExtent.readHeader(in);
        WavExtent extent = WavExtent.parse(ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN));
        if (extent.state() != WavExtent.State.UNKNOWN_LENGTH || extent.dataOffset() != header.length) {
            in.reset();
            return in;
        }
        ByteBuffer patched = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        patched.putInt(4, -1);
        patched.putInt(header.length - 4, -1);
        return new BufferedInputStream(new SequenceInputStream(new ByteArrayInputStream(header), in),
                READ_BUFFER);
    }

    /** Encoding and width first, then channels, then rate: the JDK converts each step but not always all at once. */
    private static AudioInputStream convert(AudioInputStream source, AudioFormat to) {
        AudioFormat from = source.getFormat();
        AudioInputStream pcm16 = source;
        if (from.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || from.getSampleSizeInBits() != 16 || from.isBigEndian()) {
            pcm16 = AudioSystem.getAudioInputStream(new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, from.getSampleRate(),
                    16, from.getChannels(), 2 * from.getChannels(), from.getSampleRate(), false), pcm16);
        }
        AudioInputStream mono = pcm16;
        if (from.getChannels() != 1) {
            mono = AudioSystem.getAudioInputStream(new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, from.getSampleRate(),
                    16, 1, 2, from.getSampleRate(), false), pcm16);
        }
        return mono.getFormat().matches(to) ? mono : AudioSystem.getAudioInputStream(to, mono);
    }

    /** The same clip at another rate, converted as it streams (Volcengine's drive takes 16 kHz only). */
    public static PcmClip resample(PcmClip clip, int sampleRate) {
        if (clip.sampleRate() == sampleRate) {
            return clip;
        }
        AudioInputStream source = new AudioInputStream(clip.pcm(), pcm16Mono(clip.sampleRate()), AudioSystem.NOT_SPECIFIED);
        return clip.withSource(sampleRate, AudioSystem.getAudioInputStream(pcm16Mono(sampleRate), source),
                clip.conversionThen(clip.sampleRate() + " Hz -> " + sampleRate + " Hz"));
    }

    public static AudioFormat pcm16Mono(int sampleRate) {
        return new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, sampleRate, 16, 1, 2, sampleRate, false);
    }

    private static String describe(AudioFormat f) {
        return f.getEncoding() + " " + f.getSampleSizeInBits() + "-bit " + f.getChannels() + "ch "
               + Math.round(f.getSampleRate()) + " Hz";
    }
}
