package io.avatardrive.route;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * A WebSocket conversation with a vendor that answers (Volcengine's session, SAMI's conversion), on the Vert.x instance
 * of camel-vertx-websocket. Camel's endpoint sends well but cannot tie an answer to the request that caused it, so
 * these protocols talk to Vert.x directly. Writes wait until written, so a slow peer slows the sender, never a buffer.
 */
final class VendorSocket implements AutoCloseable {

    /** What the vendor sends; called on the Vert.x event loop, so it must not block. */
    interface Listener {
        void onText(String text);

        void onBinary(byte[] data);

        /** The socket closed; {@code cause} is null for a clean close. */
        void onClosed(Throwable cause);
    }

    private final WebSocketClient client;
    private final WebSocket socket;
    private final long stallTimeoutMs;
    private final String what;

    private VendorSocket(WebSocketClient client, WebSocket socket, long stallTimeoutMs, String what) {
        this.client = client;
        this.socket = socket;
        this.stallTimeoutMs = stallTimeoutMs;
        this.what = what;
    }

    /**
     * Connects; nothing the vendor sends is missed, because both vendors speak only after the client's first frame.
     *
     * @param what names the peer in errors ("the Volcengine TTA socket")
     */
    static VendorSocket connect(Vertx vertx, String url, long timeoutMs, String what, Listener listener)
            throws Exception {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs))
                .setMaxFrameSize(1 << 20).setMaxMessageSize(16 << 20));
        try {
            WebSocket socket = await(client.connect(new WebSocketConnectOptions().setAbsoluteURI(url)), timeoutMs,
                    what + " did not connect within " + timeoutMs + " ms");
            socket.textMessageHandler(listener::onText);
            socket.binaryMessageHandler(data -> listener.onBinary(data.getBytes()));
            socket.exceptionHandler(listener::onClosed);
            socket.closeHandler(v -> listener.onClosed(null));
            return new VendorSocket(client, socket, timeoutMs, what);
        } catch (Exception e) {
            client.close();
            throw e;
        }
    }

    void sendText(String text) throws Exception {
        await(socket.writeTextMessage(text), stallTimeoutMs, stalled());
    }

    void sendBinary(byte[] data) throws Exception {
        await(socket.writeBinaryMessage(Buffer.buffer(data)), stallTimeoutMs, stalled());
    }

    private String stalled() {
        return what + " stalled: a frame was not written within " + stallTimeoutMs + " ms (drive.stall-timeout-ms)";
    }

    private static <T> T await(Future<T> future, long timeoutMs, String timeoutMessage) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new java.io.IOException(timeoutMessage, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void close() {
        socket.close();
        client.close();
    }
}
