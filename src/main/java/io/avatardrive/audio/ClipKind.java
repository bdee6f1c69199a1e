package io.avatardrive.audio;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a clip's file name says about its audio: a WAV (self-describing) or raw s16le PCM, maybe with its rate in the name. */
public record ClipKind(boolean wav, OptionalInt rawSampleRate) {

    private static final Pattern RATED_PCM = Pattern.compile(".*\\.(\\d{4,6})\\.pcm");

    public static ClipKind of(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".wav")) {
            return new ClipKind(true, OptionalInt.empty());
        }
        if (lower.endsWith(".pcm")) {
            Matcher rated = RATED_PCM.matcher(lower);
            return new ClipKind(false, rated.matches()
                    ? OptionalInt.of(Integer.parseInt(rated.group(1))) : OptionalInt.empty());
        }
        throw new AudioFormatProblem(fileName + ": not a clip (expected NAME.wav, NAME.pcm or NAME.RATE.pcm; words as"
                                     + " NAME.txt or NAME.ssml for an avatar that says text)");
    }
}
