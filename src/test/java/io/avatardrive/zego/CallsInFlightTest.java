package io.avatardrive.zego;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A storm of DriveByWsStream calls reaches the vendor a few at a time, and a call's wait for its turn is bounded. */
class CallsInFlightTest {

    @Test
    void aStormOfCallsToAVendorThatNeverAnswersKeepsAtMostTheCapInFlightAndEveryCallEndsAtItsDeadline() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket vendor = new ServerSocket(0, 100, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(vendor.accept()); // read nothing, answer nothing
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            DriveByWsStreamCall api = new DriveByWsStreamCall();
            List<CompletableFuture<DriveByWsStreamResponse>> calls = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < DriveByWsStreamCall.MAX_IN_FLIGHT + 8; i++) {
                calls.add(api.call("http://127.0.0.1:" + vendor.getLocalPort() + "/", "Action=DriveByWsStream",
                        "{\"TaskId\":\"t" + i + "\"}", 1500));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> held.size() == DriveByWsStreamCall.MAX_IN_FLIGHT);
            // the other calls wait for a turn; none of them reaches the vendor while the first ones hang
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1))
                    .until(() -> held.size() == DriveByWsStreamCall.MAX_IN_FLIGHT);
            // every call, the ones that waited for a turn included, fails once its own deadline passed
            for (CompletableFuture<DriveByWsStreamResponse> call : calls) {
                ExecutionException failed = assertThrows(ExecutionException.class, () -> call.get(5, TimeUnit.SECONDS));
                assertInstanceOf(SocketTimeoutException.class, failed.getCause());
            }
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(tookMs < 1500 + 1000, "the calls ended " + tookMs + " ms after they were made (deadline 1500)");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
