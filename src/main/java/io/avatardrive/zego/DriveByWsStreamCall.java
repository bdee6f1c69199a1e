package io.avatardrive.zego;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One DriveByWsStream call, bounded as a whole: connecting, sending and reading the whole answer share one deadline
 * (a vendor that trickles its answer a byte at a time is cut off at it), an answer above {@link #MAX_ANSWER_BYTES} is
 * refused, redirects are not followed, and no failure's reason carries the signed query. The HTTP client is made
 * once, with this object, so the first call waits for nothing a later one would not; HTTPS is always verified.
 */
public final class DriveByWsStreamCall {

    /** ZEGO's answer is a few hundred bytes; anything much larger is not its answer. */
    public static final int MAX_ANSWER_BYTES = 64 * 1024;

    /**
     * Calls sent and not yet answered. A storm of starts is sent a few at a time, so the vendor's side is not flooded
     * with hundreds of connections at once; a hung call holds one turn until its deadline, so it takes more than this
     * many hung tasks at once before a healthy one waits.
     */
    static final int MAX_IN_FLIGHT = 16;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).build();

    /**
     * Makes the client ready without a vendor call: one call to a throwaway server on loopback loads and starts
     * everything a call needs, and the TLS context is made. A first drive is then as fast as the hundredth, and calls
     * the rate limit lets through together reach the vendor spaced, not bunched behind the first one's set-up.
     */
    public DriveByWsStreamCall warm() {
        try (ServerSocket local = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SSLContext.getDefault().createSSLEngine();
            CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + local.getLocalPort() + "/warm")).timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), DriveByWsStreamCall::limited);
            local.setSoTimeout(5000);
            try (Socket socket = local.accept()) {
                socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                answer.get(5, TimeUnit.SECONDS);
            }
            JSON.readValue("{\"Code\":0,\"Data\":{}}", DriveByWsStreamResponse.class);
        } catch (Exception e) {
            // warming is an optimisation: the first call then only takes longer
        }
        return this;
    }

    /**
     * Posts {@code body} to {@code apiUrl} with the signed {@code query}, holding no thread while it waits: the stage
     * fails with a {@link SocketTimeoutException} when the whole answer did not come within {@code timeoutMs}, or with
     * an {@link IOException} when the call failed or the answer is not DriveByWsStream's.
     */
    public CompletableFuture<DriveByWsStreamResponse> call(String apiUrl, String query, String body, long timeoutMs) {
        CompletableFuture<DriveByWsStreamResponse> answered = new CompletableFuture<>();
        // a call waiting for its turn counts against its deadline too
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        answered.orTimeout(timeoutMs, TimeUnit.MILLISECONDS);
        Runnable send = () -> {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (answered.isDone() || left <= 0) {
                turnEnded();
                return;
            }
            CompletableFuture<DriveByWsStreamResponse> sent;
            try {
                sent = send(apiUrl, query, body, left);
            } catch (RuntimeException e) {
                // a request that cannot even be made gives its turn back at once
                sent = CompletableFuture.failedFuture(new IOException("the DriveByWsStream request cannot be made ("
                                                                      + e.getClass().getSimpleName() + ")"));
            }
            sent.whenComplete((answer, failure) -> {
                turnEnded();
                if (failure != null) {
                    answered.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure);
                } else {
                    answered.complete(answer);
                }
            });
        };
        if (turnTaken()) {
            send.run();
        } else {
            waiting.add(send);
            // a turn may have ended between the two
            turnEnded(0);
        }
        return answered.exceptionallyCompose(failure -> CompletableFuture.failedFuture(
                failure instanceof TimeoutException ? explained(failure, timeoutMs) : failure));
    }

    private boolean turnTaken() {
        while (true) {
            int now = inFlight.get();
            if (now >= MAX_IN_FLIGHT) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    private void turnEnded() {
        turnEnded(1);
    }

    /** Gives back {@code ended} turns, then hands free turns to calls that wait for one. */
    private void turnEnded(int ended) {
        inFlight.addAndGet(-ended);
        while (!waiting.isEmpty() && turnTaken()) {
            Runnable next = waiting.poll();
            if (next == null) {
                inFlight.decrementAndGet();
                return;
            }
            next.run();
        }
    }

    private CompletableFuture<DriveByWsStreamResponse> send(String apiUrl, String query, String body, long timeoutMs) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "?" + query))
                .timeout(Duration.ofMillis(timeoutMs)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request, DriveByWsStreamCall::limited);
        return answer.orTimeout(timeoutMs, TimeUnit.MILLISECONDS).handle((response, failure) -> {
            if (failure != null) {
                answer.cancel(true);
                throw new CompletionException(explained(failure, timeoutMs));
            }
            try {
                return read(response);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
    }

    /**
     * The client's messages, and its causes', may name the request's URI and with it the signature: only the kind of
     * failure goes on.
     */
    private static IOException explained(Throwable failure, long timeoutMs) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            return new SocketTimeoutException("no whole answer within " + timeoutMs + " ms");
        }
        if (cause instanceof HttpTimeoutException) {
            return new SocketTimeoutException("no answer within " + timeoutMs + " ms");
        }
        return new IOException(cause instanceof AnswerTooLarge ? cause.getMessage() : cause.getClass().getSimpleName());
    }

    private static DriveByWsStreamResponse read(HttpResponse<byte[]> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException("DriveByWsStream answered HTTP " + response.statusCode()
                                  + (response.statusCode() / 100 == 3 ? " (a redirect, not followed)" : ""));
        }
        if (response.body() == null) {
            throw new AnswerTooLarge();
        }
        try {
            return JSON.readValue(response.body(), DriveByWsStreamResponse.class);
        } catch (IOException e) {
            throw new IOException("the answer is not DriveByWsStream's JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The body, refused by its Content-Length or as soon as it passes {@link #MAX_ANSWER_BYTES}. */
    private static HttpResponse.BodySubscriber<byte[]> limited(HttpResponse.ResponseInfo info) {
        long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (length > MAX_ANSWER_BYTES) {
            return HttpResponse.BodySubscribers.replacing(null);
        }
        return new Limited(HttpResponse.BodySubscribers.ofByteArray());
    }

    /** The answer is larger than any DriveByWsStream answer. */
    private static final class AnswerTooLarge extends IOException {
        AnswerTooLarge() {
            super("the answer is larger than " + MAX_ANSWER_BYTES + " bytes");
        }
    }

    /** Counts the body's bytes and gives up past the limit. */
    private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {

        private final HttpResponse.BodySubscriber<byte[]> bytes;
        private Flow.Subscription subscription;
        private long received;
        private boolean refused;

        Limited(HttpResponse.BodySubscriber<byte[]> bytes) {
            this.bytes = bytes;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return bytes.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            bytes.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (refused) {
                return;
            }
            received += items.stream().mapToLong(ByteBuffer::remaining).sum();
            if (received > MAX_ANSWER_BYTES) {
                refused = true;
                subscription.cancel();
                bytes.onError(new AnswerTooLarge());
                return;
            }
            bytes.onNext(items);
        }

        @Override
        public void onError(Throwable throwable) {
            if (!refused) {
                bytes.onError(throwable);
            }
        }

        @Override
        public void onComplete() {
            if (!refused) {
                bytes.onComplete();
            }
        }
    }
}
