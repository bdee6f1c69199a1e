package io.avatardrive.audio;

/** The two sample rates ZEGO accepts, and the choice between them for any other source. */
public final class SampleRates {

    public static final int LOW = 16000;
    public static final int HIGH = 24000;

    private SampleRates() {
    }

    public static boolean isDrivable(int rate) {
        return rate == LOW || rate == HIGH;
    }

    /** Keep as much of the source's bandwidth as the avatar can use: 24 kHz from 24 kHz and above, else 16 kHz. */
    public static int targetFor(float sourceRate) {
        return sourceRate >= HIGH ? HIGH : LOW;
    }
}
