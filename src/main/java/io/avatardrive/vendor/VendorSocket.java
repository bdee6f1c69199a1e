package io.avatardrive.vendor;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * One WebSocket connection to a vendor (ZEGO's drive socket, Volcengine's session, SAMI's conversion), on Vert.x.
 * Control frames are sent and waited for; audio is written asynchronously, and the caller writes the next chunk only
 * once the last one is written, so a slow peer makes a drive late, never a buffer grow.
 */
public final class VendorSocket implements AutoCloseable {

    /** What the vendor sends; called on the Vert.x event loop, so it must not block. */
    public interface Listener {
        void onText(String text);

        void onBinary(byte[] data);

        /** The socket closed; {@code cause} is null for a clean close. */
        void onClosed(Throwable cause);
    }

    /** For sockets that only send (ZEGO's drive socket answers nothing). */
    public static final Listener SEND_ONLY = new Listener() {
        @Override
        public void onText(String text) {
        }

        @Override
        public void onBinary(byte[] data) {
        }

        @Override
        public void onClosed(Throwable cause) {
        }
    };

    private final WebSocket socket;
    private final Context context;
    private final long stallTimeoutMs;
    private final String what;
    /** How the peer closed the socket, once it has: its close code and reason, for the failure it causes. */
    private volatile String closedByPeer;

    private VendorSocket(WebSocket socket, Context context, long stallTimeoutMs, String what) {
        this.socket = socket;
        this.context = context;
        this.stallTimeoutMs = stallTimeoutMs;
        this.what = what;
    }

    /**
     * Connects; nothing the vendor sends is missed, because no vendor speaks before the client's first frame.
     *
     * @param what names the peer in errors ("the Volcengine TTA socket")
     */
    public static VendorSocket connect(WebSocketClient client, String url, long timeoutMs, String what, Listener listener)
            throws Exception {
        VendorSocket connected = await(client.connect(new WebSocketConnectOptions().setAbsoluteURI(url))
                .map(ws -> new VendorSocket(ws, Vertx.currentContext(), timeoutMs, what)), timeoutMs,
                what + " did not connect within " + timeoutMs + " ms");
        WebSocket socket = connected.socket;
        socket.textMessageHandler(listener::onText);
        socket.binaryMessageHandler(data -> listener.onBinary(data.getBytes()));
        socket.exceptionHandler(listener::onClosed);
        socket.closeHandler(v -> {
            Short code = socket.closeStatusCode();
            connected.closedByPeer = code == null ? "no close code" : "close code " + code
                    + (socket.closeReason() == null || socket.closeReason().isEmpty() ? "" : ", reason '" + socket.closeReason() + "'");
            listener.onClosed(null);
        });
        return connected;
    }

    /** Sends a text frame and waits until it is written. */
    public void sendText(String text) throws Exception {
        await(explained(socket.writeTextMessage(text)), stallTimeoutMs, stalled());
    }

    /** Sends a binary frame and waits until it is written. */
    public void sendBinary(byte[] data) throws Exception {
        await(explained(socket.writeBinaryMessage(Buffer.buffer(data))), stallTimeoutMs, stalled());
    }

    /** Writes a text frame without waiting; the stage completes once it is written. */
    public CompletableFuture<Void> write(String text) {
        return explained(socket.writeTextMessage(text)).toCompletionStage().toCompletableFuture();
    }

    /** Waits for a write made without waiting, as long as a frame may take (drive.stall-timeout-ms). */
    public void await(CompletableFuture<Void> write) throws Exception {
        await(Future.fromCompletionStage(write), stallTimeoutMs, stalled());
    }

    /** A write that failed because the peer closed the socket says so, with the peer's close code and reason. */
    private Future<Void> explained(Future<Void> write) {
        return write.recover(failure -> {
            String closed = closedByPeer;
            return Future.failedFuture(closed == null ? failure
                    : new IOException(what + " was closed by the peer (" + closed + ")"));
        });
    }

    /**
     * Writes a binary frame without waiting; the stage completes once it is written. The array is wrapped, not
     * copied, so it must not change until then.
     */
    public CompletableFuture<Void> write(byte[] data) {
        return explained(socket.writeBinaryMessage(Buffer.buffer(Unpooled.wrappedBuffer(data)))).toCompletionStage()
                .toCompletableFuture();
    }

    /** The event loop this connection lives on: its writes complete there, and its drive's timers fire there. */
    public Context context() {
        return context;
    }

    private String stalled() {
        return what + " stalled: a frame was not written within " + stallTimeoutMs + " ms (drive.stall-timeout-ms)";
    }

    private static <T> T await(Future<T> future, long timeoutMs, String timeoutMessage) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException(timeoutMessage, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
