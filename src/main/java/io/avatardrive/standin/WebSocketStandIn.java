package io.avatardrive.standin;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;

/** A vendor stand-in that is one WebSocket server on 127.0.0.1, on a Vert.x of its own so it never shares the client's. */
abstract class WebSocketStandIn implements AutoCloseable {

    protected final Vertx vertx = Vertx.vertx();
    private HttpServer server;
    private int port;

    /** Listens on {@code wantedPort} (0 for any free one). */
    protected void listen(int wantedPort) {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(wantedPort)
                .setMaxWebSocketMessageSize(4 << 20).setMaxWebSocketFrameSize(4 << 20));
        server.webSocketHandler(this::onSocket);
        port = server.listen().toCompletionStage().toCompletableFuture().join().actualPort();
    }

    protected abstract void onSocket(ServerWebSocket socket);

    protected int port() {
        return port;
    }

    /** Waits until {@code count} reaches {@code wanted}. */
    protected static boolean await(LongSupplier count, long wanted, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (count.getAsLong() < wanted) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().join();
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
