package io.avatardrive.settings;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Settings an earlier configuration may still set but that no longer do anything: each one set is named at start-up
 * with what replaced it, so that an operator does not believe it still acts.
 */
public final class RemovedSettings {

    /** Each removed key, and what to do instead. */
    static final Map<String, String> REMOVED = Map.of(
            "drive.read-lock", "every clip is taken only once it is complete (drive.settle-ms for raw PCM); remove it");

    private RemovedSettings() {
    }

    /** One warning per removed key that is set, in key order. */
    public static List<String> warnings(Function<String, Optional<String>> lookup) {
        return REMOVED.entrySet().stream().filter(e -> lookup.apply(e.getKey()).isPresent()).sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " is set but no longer used: " + e.getValue()).toList();
    }
}
