package io.avatardrive.volc;

import io.avatardrive.audio.PcmChunker;
import io.avatardrive.audio.PcmClip;
import io.avatardrive.drive.AvatarBackend;
import io.avatardrive.settings.DriveSettings;
import io.avatardrive.vendor.AvatarSession;

/**
 * A Volcengine virtual human (TTA) as a backend: no ticket, a session per drive, fed 16 kHz audio in chunks of no less
 * than a second, or words it says in its own voice.
 */
public final class VolcBackend implements AvatarBackend {

    public static final String NAME = "volc-tta";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String accountKey() {
        return "volc.app-id";
    }

    @Override
    public boolean hasAccount(DriveSettings settings) {
        return settings.vendor(VolcSettings.class).hasAccount();
    }

    @Override
    public boolean takesText() {
        return true;
    }

    @Override
    public int maxTextChars(DriveSettings settings) {
        return settings.vendor(VolcSettings.class).maxTextChars();
    }

    @Override
    public String maxTextCharsKey() {
        return "volc.max-text-chars";
    }

    @Override
    public int sampleRate() {
        return VolcFrames.SAMPLE_RATE;
    }

    @Override
    public int chunkMs(DriveSettings settings) {
        return settings.vendor(VolcSettings.class).chunkMs();
    }

    /** Volcengine takes no frame shorter than a second. */
    @Override
    public PcmChunker chunker(PcmClip clip, DriveSettings settings) {
        return PcmChunker.wholeChunks(clip, chunkMs(settings));
    }

    @Override
    public AvatarSession session(SessionRequest request) {
        DriveSettings settings = request.settings();
        return new VolcSession(request.clients(), settings.vendor(VolcSettings.class), settings.stallTimeoutMs(), request.clipName(),
                request.text() ? VolcFrames.InputMode.TEXT : VolcFrames.InputMode.AUDIO);
    }
}
