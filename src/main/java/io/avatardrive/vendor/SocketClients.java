package io.avatardrive.vendor;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

/**
 * The WebSocket clients every drive and conversion connects with, made once on camel-vertx-websocket's Vert.x: one
 * that verifies certificates, and one that skips the check for ZEGO's drive socket, as the vendor asks. A client per
 * connection would cost a connection pool and its set-up for every clip.
 */
public final class SocketClients {

    private final WebSocketClient verified;
    private final WebSocketClient trustAll;

    public SocketClients(Vertx vertx, long connectTimeoutMs) {
        WebSocketClientOptions options = new WebSocketClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeoutMs))
                .setMaxFrameSize(1 << 20).setMaxMessageSize(16 << 20)
                // every drive has a socket of its own, many of them to the same vendor host
                .setMaxConnections(100_000);
        this.verified = vertx.createWebSocketClient(options);
        this.trustAll = vertx.createWebSocketClient(new WebSocketClientOptions(options).setTrustAll(true).setVerifyHost(false));
    }

    public WebSocketClient client(boolean trustAllCertificates) {
        return trustAllCertificates ? trustAll : verified;
    }
}
