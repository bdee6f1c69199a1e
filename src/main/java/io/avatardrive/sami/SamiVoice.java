package io.avatardrive.sami;

import java.util.concurrent.Executor;

import io.avatardrive.audio.PcmClip;
import io.avatardrive.drive.VoiceStage;
import io.avatardrive.settings.DriveSettings;
import io.avatardrive.vendor.SocketClients;

/** SAMI's voice conversion as the drive's voice stage. */
public final class SamiVoice implements VoiceStage {

    @Override
    public String accountKey() {
        return "sami.appkey";
    }

    @Override
    public boolean hasAccount(DriveSettings settings) {
        return settings.vendor(SamiSettings.class).hasAccount();
    }

    @Override
    public PcmClip convert(SocketClients clients, Executor workers, DriveSettings settings, String speaker, PcmClip clip)
            throws Exception {
        return VoiceConversion.start(clients, workers, settings.vendor(SamiSettings.class), speaker, clip, settings.vendor(SamiSettings.class).leadMs(),
                settings.stallTimeoutMs());
    }
}
