package io.avatardrive.audio;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A clip normalised to what the avatar accepts: 16-bit little-endian mono PCM at 16000 or 24000 Hz, read as a stream so
 * that a long clip never needs a buffer of its own length. Deliberately not an InputStream, so that Camel's stream
 * caching never copies it.
 */
public final class PcmClip implements AutoCloseable {

    public static final int BYTES_PER_SAMPLE = 2;

    private final String name;
    private final int sampleRate;
    private final InputStream pcm;
    private final String conversion;
    private final boolean live;
    private final Supplier<CompletionStage<Void>> readable;

    public PcmClip(String name, int sampleRate, InputStream pcm, String conversion) {
        this(name, sampleRate, pcm, conversion, false);
    }

    /**
     * @param live whether the audio is still being produced while it is read (a voice conversion), so that a read
     *             may wait for it; a file's or a spooled message's reads do not
     */
    public PcmClip(String name, int sampleRate, InputStream pcm, String conversion, boolean live) {
        this(name, sampleRate, pcm, conversion, live, () -> CompletableFuture.completedFuture(null));
    }

    private PcmClip(String name, int sampleRate, InputStream pcm, String conversion, boolean live,
                    Supplier<CompletionStage<Void>> readable) {
        if (!SampleRates.isDrivable(sampleRate)) {
            throw new IllegalArgumentException("sample rate " + sampleRate + " is not drivable");
        }
        this.name = name;
        this.sampleRate = sampleRate;
        this.pcm = pcm;
        this.conversion = conversion;
        this.live = live;
        this.readable = readable;
    }

    public boolean live() {
        return live;
    }

    /** The same clip, read as audio still being produced: its reads may wait, so they run off the event loop. */
    public PcmClip asLive() {
        return live ? this : new PcmClip(name, sampleRate, pcm, conversion, true);
    }

    /**
     * The same clip, read as audio still being produced, whose source says when its next read would not wait: the
     * drive waits for that without a thread, so that an idle producer holds none.
     */
    public PcmClip asLive(Supplier<CompletionStage<Void>> readable) {
        return new PcmClip(name, sampleRate, pcm, conversion, true, readable);
    }

    /** The same source's readiness, for a clip made from this one (a resampling of it). */
    PcmClip withSource(int rate, InputStream stream, String conversion) {
        return new PcmClip(name, rate, stream, conversion, live, readable);
    }

    /**
     * Completes once the next read of a live clip would not wait for its producer (at once for a whole clip). Bytes
     * the clip's own streams already hold count: a header sniffed ahead took a piece out of its source.
     */
    public CompletionStage<Void> readable() {
        try {
            if (pcm.available() > 0) {
                return CompletableFuture.completedFuture(null);
            }
        } catch (IOException e) {
            // the read itself fails and says why
            return CompletableFuture.completedFuture(null);
        }
        return readable.get();
    }

    public String name() {
        return name;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public InputStream pcm() {
        return pcm;
    }

    /** The PCM bytes the clip will yield, or -1 when the source does not say (a raw stream). */
    public long expectedBytes() {
        // a streaming writer's WAV declares the largest length it can: not a length at all
        if (pcm instanceof javax.sound.sampled.AudioInputStream audio
            && audio.getFrameLength() != javax.sound.sampled.AudioSystem.NOT_SPECIFIED
            && audio.getFrameLength() < Integer.MAX_VALUE / BYTES_PER_SAMPLE) {
            return audio.getFrameLength() * BYTES_PER_SAMPLE;
        }
        return -1;
    }

    /** How long {@code bytes} of this clip's PCM play, in nanoseconds: the unit the pacer schedules in. */
    public long audioNanos(long bytes) {
        return audioNanos(bytes, sampleRate);
    }

    /** How long {@code bytes} of mono 16-bit PCM at {@code sampleRate} play, in nanoseconds. */
    public static long audioNanos(long bytes, int sampleRate) {
        return bytes * TimeUnit.SECONDS.toNanos(1) / ((long) sampleRate * BYTES_PER_SAMPLE);
    }

    /** How the source was changed to reach this format, or "none". */
    public String conversion() {
        return conversion;
    }

    /** This clip's conversion followed by one more step. */
    public String conversionThen(String step) {
        return "none".equals(conversion) ? step : conversion + ", " + step;
    }

    @Override
    public void close() throws IOException {
        pcm.close();
    }
}
