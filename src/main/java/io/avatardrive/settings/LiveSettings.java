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
 * @param maxOpen        how many HTTP and WebSocket utterances may be open at once (ingress.max-open)
 * @param allowedOrigins the web origins besides the server's own whose pages may speak (ingress.allowed-origins)
 */
public record LiveSettings(String host, int port, String username, String password, long utteranceGapMs, int maxOpen, Origins allowedOrigins) {

    public static LiveSettings from(Function<String, Optional<String>> lookup) {
        DriveSettings.Reader r = new DriveSettings.Reader(lookup);
        LiveSettings settings = new LiveSettings(
                lookup.apply("ingress.host").filter(h -> !h.isBlank()).orElse("127.0.0.1").trim(),
                (int) r.number("ingress.port", 8090, 1),
                lookup.apply("ingress.username").orElse("").trim(),
                lookup.apply("ingress.password").orElse(""),
                r.number("drive.utterance-gap-ms", 2000, 1),
                (int) Math.min(Integer.MAX_VALUE, r.number("ingress.max-open", 500, 1)),
                Origins.of("ingress.allowed-origins", lookup.apply("ingress.allowed-origins").orElse("")));
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
