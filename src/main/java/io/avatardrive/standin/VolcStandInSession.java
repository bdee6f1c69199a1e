package io.avatardrive.standin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.audio.PcmClip;
import io.avatardrive.volc.VolcFrames;

/** Everything the Volcengine stand-in saw of one session: its frames in order, the session JSON, the audio and its playback. */
public final class VolcStandInSession {

    /** The vendor takes no less than a second of 16 kHz audio in one piece. */
    static final int MIN_PIECE_BYTES = VolcFrames.SAMPLE_RATE * PcmClip.BYTES_PER_SAMPLE;
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private final PlaybackMeter meter;
    private final AudioDigest digest = new AudioDigest();
    private final List<String> frames = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private JsonNode session;
    private boolean accepted;
    private boolean lastAudio;
    private boolean closeRequested;
    private boolean closed;
    private long bytes;
    private long voiceEndAt;
    private long closedAt;
    /** Text mode: each |CTL|02| as received, whether one is being said, and when |CTL|03| stopped one. */
    private final List<String> said = new ArrayList<>();
    private final List<Integer> spoken = new ArrayList<>();
    private boolean speaking;
    private Runnable stopSpeaking;
    private long interruptedAt;
    private long firstChatAt;

    VolcStandInSession(PlaybackMeter meter) {
        this.meter = meter;
    }

    synchronized void frame(String header, int bodyBytes) {
        frames.add(header + (bodyBytes > 0 ? " " + bodyBytes + " B" : ""));
    }

    synchronized void opened(JsonNode json) {
        if (session != null) {
            violations.add("a second |CTL|00|");
        }
        session = json;
    }

    synchronized void accepted() {
        accepted = true;
    }

    /** Records one audio frame; returns whether it was the session's first audio. */
    synchronized boolean audio(long now, byte[] frame) {
        String header = new String(frame, 0, Math.min(frame.length, VolcFrames.HEADER_BYTES), StandardCharsets.US_ASCII);
        int pcm = Math.max(0, frame.length - VolcFrames.HEADER_BYTES);
        frame(header, pcm);
        boolean last = VolcFrames.LAST_AUDIO.equals(header);
        if (!last && !VolcFrames.AUDIO.equals(header)) {
            violations.add("a binary frame with header " + header);
            return false;
        }
        if (!accepted) {
            violations.add("audio before the session was accepted");
        }
        if (textMode()) {
            violations.add("audio in a text-mode session");
        }
        if (lastAudio) {
            violations.add("audio after the last piece (|CTL|09|)");
        }
        if (pcm % 2 != 0) {
            violations.add("a piece of " + pcm + " bytes splits a sample");
        }
        if (pcm < MIN_PIECE_BYTES && !(last && pcm == 0)) {
            violations.add("a piece of " + TimeUnit.NANOSECONDS.toMillis(PcmClip.audioNanos(pcm, VolcFrames.SAMPLE_RATE)) + " ms; the vendor takes at least 1 s");
        }
        lastAudio = last;
        boolean first = bytes == 0 && pcm > 0;
        digest.update(frame, VolcFrames.HEADER_BYTES, pcm);
        bytes += pcm;
        if (pcm > 0) {
            meter.onAudio(now, PcmClip.audioNanos(pcm, VolcFrames.SAMPLE_RATE));
        }
        if (last) {
            meter.onStop(now);
        }
        return first;
    }

    synchronized void voiceEnded(long now) {
        voiceEndAt = now;
    }

    private boolean textMode() {
        return session != null && "text".equals(session.path("input_mode").asText());
    }

    /** Records a |CTL|02|; returns the characters it says, or 0 if it breaks the protocol. */
    synchronized int chat(long now, String words) {
        said.add(words);
        if (firstChatAt == 0) {
            firstChatAt = now;
        }
        if (!accepted) {
            violations.add("|CTL|02| before the session was accepted");
            return 0;
        }
        if (!textMode()) {
            violations.add("|CTL|02| text in an audio-mode session");
            return 0;
        }
        if (speaking) {
            violations.add("|CTL|02| while the avatar was still speaking");
            return 0;
        }
        if (words.isBlank()) {
            violations.add("an empty |CTL|02|");
            return 0;
        }
        speaking = true;
        // SSML's tags take no time to say
        String text = words.stripLeading().startsWith("<speak") ? TAG.matcher(words).replaceAll("") : words;
        int characters = text.strip().codePointCount(0, text.strip().length());
        spoken.add(characters);
        return characters;
    }

    synchronized void speaking(Runnable stop) {
        stopSpeaking = stop;
    }

    /** The text has been said; returns whether voice_end is due (not if |CTL|03| stopped it). */
    synchronized boolean spoke(long now) {
        if (!speaking) {
            return false;
        }
        speaking = false;
        voiceEndAt = now;
        return true;
    }

    /** A |CTL|03|: stops the speech in progress; returns whether there was one. */
    synchronized boolean interrupted(long now) {
        if (!textMode()) {
            violations.add("|CTL|03| in an audio-mode session; it works in text mode only");
            return false;
        }
        if (!speaking) {
            return false;
        }
        speaking = false;
        interruptedAt = now;
        if (stopSpeaking != null) {
            stopSpeaking.run();
        }
        return true;
    }

    synchronized void closeRequested() {
        if (textMode()) {
            if (speaking) {
                violations.add("|CTL|01| while the avatar was still speaking, with no |CTL|03|");
            }
        } else if (!lastAudio) {
            violations.add("|CTL|01| before the last audio piece (|CTL|09|)");
        }
        closeRequested = true;
    }

    synchronized void violation(String what) {
        violations.add(what);
    }

    synchronized void closed(long now) {
        closed = true;
        closedAt = now;
    }

    synchronized boolean lastAudioReceived() {
        return lastAudio;
    }

    public synchronized List<String> frames() {
        return List.copyOf(frames);
    }

    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** The session JSON that followed {@code |CTL|00|}. */
    public synchronized JsonNode session() {
        return session;
    }

    public synchronized long bytes() {
        return bytes;
    }

    public String sha256() {
        return digest.hex();
    }

    public synchronized boolean closed() {
        return closed;
    }

    /** Whether the client sent |CTL|01| after the audio, as the protocol ends. */
    public synchronized boolean closedCleanly() {
        return closeRequested && violations.isEmpty();
    }

    /** The texts of the session's |CTL|02| frames, as received. */
    public synchronized List<String> said() {
        return List.copyOf(said);
    }

    /** The characters each |CTL|02| said, tags not counted. */
    public synchronized List<Integer> spokenCharacters() {
        return List.copyOf(spoken);
    }

    /** When the first |CTL|02| came, or 0. */
    public synchronized long firstChatAtNanos() {
        return firstChatAt;
    }

    /** When |CTL|03| stopped a speech, or 0. */
    public synchronized long interruptedAtNanos() {
        return interruptedAt;
    }

    public synchronized long voiceEndAtNanos() {
        return voiceEndAt;
    }

    public synchronized long closedAtNanos() {
        return closedAt;
    }

    public PlaybackMeter playback() {
        return meter;
    }

    @Override
    public synchronized String toString() {
        return "role " + (session == null ? "?" : session.path("role").asText()) + ": "
               + (textMode() ? said.size() + " text(s)" + (interruptedAt > 0 ? ", stopped by |CTL|03|" : "")
                  : meter.summary(VolcFrames.SAMPLE_RATE)) + (violations.isEmpty() ? "" : ", violations " + violations);
    }
}
