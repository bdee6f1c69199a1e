package io.avatardrive.settings;

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
}
