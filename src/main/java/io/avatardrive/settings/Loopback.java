package io.avatardrive.settings;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The rule for every port the application opens: beyond loopback only with credentials. */
public final class Loopback {

    private Loopback() {
    }

    /** Refuses a non-loopback address for a port that has no credentials, naming the settings that would allow it. */
    public static void require(String hostKey, String host, String credentials) {
        if (!is(host)) {
            throw new InvalidSettingsException(hostKey + " " + host + " is reachable beyond this machine: set "
                                               + credentials + " (nothing is served beyond loopback without them)");
        }
    }

    public static boolean is(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Whether a host name, as a browser put it in a Host header, names this machine's loopback: {@code localhost} or a
     * loopback address literal. No name is looked up: a name that merely resolves to 127.0.0.1 may be an attacker's.
     */
    public static boolean isName(String hostName) {
        String h = hostName.toLowerCase(java.util.Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        return (h.matches("[0-9.]+") || h.contains(":")) && is(h);
    }
}
