package io.avatardrive.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether a vendor whose account is not set may be played by a local stand-in (drive.stand-ins): yes on a first run,
 * never under the prod profile, where a forgotten or mistyped credential must stop the start rather than quietly drive
 * a fake avatar.
 */
public record StandInPolicy(boolean allowed) {

    public static final String KEY = "drive.stand-ins";

    public static StandInPolicy from(Function<String, Optional<String>> lookup) {
        String value = lookup.apply(KEY).map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse("when-no-credentials");
        return switch (value) {
            case "when-no-credentials" -> new StandInPolicy(true);
            case "never" -> new StandInPolicy(false);
            default -> throw new InvalidSettingsException(KEY + " must be when-no-credentials or never");
        };
    }

    /**
     * With no stand-ins, the accounts the configuration relies on must be set: the default backend's, and SAMI's when
     * a default voice is set. Every missing key is named at once.
     */
    public static void requireAccounts(DriveSettings settings) {
        List<String> missing = new ArrayList<>();
        if (DriveSettings.ZEGO.equals(settings.backend()) && !settings.hasCredentials()) {
            missing.add("zego.app-id (env ZEGO_APP_ID) for drive.backend = zego");
        }
        if (DriveSettings.VOLC_TTA.equals(settings.backend()) && !settings.volc().hasCredentials()) {
            missing.add("volc.app-id (env VOLC_APP_ID) for drive.backend = volc-tta");
        }
        if (!settings.speaker().isBlank() && !settings.sami().hasCredentials()) {
            missing.add("sami.appkey (env SAMI_APPKEY) for voice.speaker");
        }
        if (!missing.isEmpty()) {
            throw new InvalidSettingsException("No vendor account is set for " + String.join("; ", missing) + ", and "
                                               + KEY + " = never (the prod profile) forbids a local stand-in");
        }
    }
}
