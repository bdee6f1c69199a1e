package io.avatardrive.drive;

import java.util.concurrent.Executor;

import io.avatardrive.audio.PcmClip;
import io.avatardrive.settings.DriveSettings;
import io.avatardrive.vendor.SocketClients;

/**
 * A conversion of a clip to another speaker's voice as it streams, before any backend speaks it; its failures are
 * marked {@link io.avatardrive.vendor.VoiceFailure}. Found like a backend (see {@link AvatarBackends}).
 */
public interface VoiceStage {

    /** The setting without which it has no account here. */
    String accountKey();

    boolean hasAccount(DriveSettings settings);

    /** The clip in {@code speaker}'s voice, converted as it is read. */
    PcmClip convert(SocketClients clients, Executor workers, DriveSettings settings, String speaker, PcmClip clip)
            throws Exception;
}
