package io.avatardrive.route;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.avatardrive.zego.DriveTicket;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;

/**
 * The one WebSocket connection of one drive, through camel-vertx-websocket. Its endpoint is made for this drive alone and
 * removed when the drive ends, because the component keeps a socket open per endpoint until the endpoint is stopped.
 */
final class DriveSocket implements AutoCloseable {

    private final CamelContext context;
    private final Endpoint endpoint;
    private final AsyncProducer producer;
    private final long stallTimeoutMs;

    private DriveSocket(CamelContext context, Endpoint endpoint, AsyncProducer producer, long stallTimeoutMs) {
        this.context = context;
        this.endpoint = endpoint;
        this.producer = producer;
        this.stallTimeoutMs = stallTimeoutMs;
    }

    static DriveSocket of(CamelContext context, DriveTicket ticket, String clientOptionsBean, long stallTimeoutMs)
            throws Exception {
        Endpoint endpoint = context.getEndpoint(endpointUri(ticket.wssAddress(), clientOptionsBean));
        AsyncProducer producer = endpoint.createAsyncProducer();
        ServiceHelper.startService(producer);
        return new DriveSocket(context, endpoint, producer, stallTimeoutMs);
    }

    /** The WssAddress's query (its Token) is passed through verbatim, never re-encoded by Camel. */
    static String endpointUri(String wssAddress, String clientOptionsBean) throws URISyntaxException {
        URI address = new URI(wssAddress);
        StringBuilder uri = new StringBuilder("vertx-websocket:").append(address.getScheme()).append("://")
                .append(address.getRawAuthority()).append(address.getRawPath() == null ? "" : address.getRawPath())
                .append("?clientOptions=#").append(clientOptionsBean);
        String query = address.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                uri.append('&').append(key).append("=RAW(").append(value).append(')');
            }
        }
        return uri.toString();
    }

    /**
     * Sends one frame and waits until it is written: a String as a text frame, a byte[] as a binary frame. Waiting for
     * the write is the back-pressure: a slow peer makes the drive late, never an unbounded buffer. A write that makes no
     * progress within the stall timeout fails the drive rather than holding its task forever.
     */
    void send(Object frame) throws Exception {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(frame);
        CompletableFuture<Exchange> written = new CompletableFuture<>();
        producer.process(exchange, doneSync -> written.complete(exchange));
        try {
            written.get(stallTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new DriveFailure(Stage.STREAM, "the drive socket stalled: a frame was not written within "
                                                 + stallTimeoutMs + " ms (drive.stall-timeout-ms)", e);
        }
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
    }

    @Override
    public void close() {
        ServiceHelper.stopService(producer);
        try {
            context.removeEndpoint(endpoint);
        } catch (Exception e) {
            throw new IllegalStateException("could not remove the drive socket's endpoint", e);
        }
    }
}
