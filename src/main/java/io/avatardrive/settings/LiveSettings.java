package io.avatardrive.settings;

import java.util.Optional;
import java.util.function.Function;

/**
 * Where live audio comes in over HTTP and WebSocket, who may send it, and how long an utterance may wait for its next
 * piece before it is cut.
 *
 * @param host           the address the live ingress listens on (ingress.host)
 * @param port           its port, for HTTP and WebSocket alike (ingress.port)
 * @param username       basic-authentication user the ingress requires, empty for none (loopback only)
 * @param password       its password
 * @param utteranceGapMs how long a live utterance waits for its next piece before it is cut (drive.utterance-gap-ms)
 */
public record LiveSettings(String host, int port, String username, String password, long utteranceGapMs) {

    public static LiveSettings from(Function<String, Optional<String>> lookup) {
        DriveSettings.Reader r = new DriveSettings.Reader(lookup);
        LiveSettings settings = new LiveSettings(
                lookup.apply("ingress.host").filter(h -> !h.isBlank()).orElse("127.0.0.1").trim(),
                (int) r.number("ingress.port", 8090, 1),
                lookup.apply("ingress.username").orElse("").trim(),
                lookup.apply("ingress.password").orElse(""),
                r.number("drive.utterance-gap-ms", 2000, 1));
        r.failIfProblems();
        return settings;
    }

    /** Anything but loopback needs a login, or the start stops, naming both settings. */
    public void requireLoginBeyondLoopback() {
        if (username.isEmpty()) {
            Loopback.require("ingress.host", host, "ingress.username and ingress.password");
        } else if (password.isEmpty()) {
            throw new InvalidSettingsException("ingress.username needs an ingress.password");
        }
    }
}
