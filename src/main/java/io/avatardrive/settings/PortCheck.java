package io.avatardrive.settings;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;


/**
 * A port this process must own, checked before it is bound: a second instance started beside a running one must not
 * log "started" and then serve, or consume from, the other one's ports. Failing here stops the start, naming the port
 * and the setting that chose it.
 */
public final class PortCheck {

    private PortCheck() {
    }

    public static void requireFree(String key, String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(false);
            probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new InvalidSettingsException(key + ": port " + port + " on " + host + " cannot be bound ("
                                               + e.getMessage() + "); another process holds it, or choose another "
                                               + key);
        }
    }
}
