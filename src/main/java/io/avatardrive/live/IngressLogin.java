package io.avatardrive.live;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Who may speak through the live ingress: anyone on the machine while it listens on loopback only; beyond loopback
 * only a client with ingress.username and ingress.password, sent as HTTP basic authentication (on the POST, and on the
 * WebSocket handshake).
 */
public final class IngressLogin {

    private final byte[] expected;

    /** @param username empty for no login (loopback only, which the settings enforce) */
    public IngressLogin(String username, String password) {
        this.expected = username.isEmpty() ? null
                : ("Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)))
                        .getBytes(StandardCharsets.UTF_8);
    }

    /** Whether a request with this Authorization header may speak. */
    public boolean allows(String authorization) {
        return expected == null
               || authorization != null && MessageDigest.isEqual(expected, authorization.trim().getBytes(StandardCharsets.UTF_8));
    }
}
