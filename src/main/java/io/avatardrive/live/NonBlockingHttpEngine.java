package io.avatardrive.live;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConsumer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * platform-http on Vert.x whose consumer routes a request asynchronously. The stock consumer (Camel 4.17) runs each
 * route on a Vert.x worker thread and holds it until the answer; a live utterance's answer comes after its Stop, so
 * every open utterance held a worker, and a few hundred idle ones starved the management server that shares the pool.
 * Here the route starts on the event loop (its steps up to the task lane only register handlers) and the answer is
 * written when the exchange completes, on whichever thread completes it. Everything else is the stock consumer's.
 */
public final class NonBlockingHttpEngine extends VertxPlatformHttpEngine {

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return new AsyncConsumer(endpoint, processor, this);
    }

    /** Routes the request without a worker thread; the answer is the exchange's status, Content-Type and body. */
    private static final class AsyncConsumer extends VertxPlatformHttpConsumer {

        private static final Logger LOG = LoggerFactory.getLogger(AsyncConsumer.class);

        AsyncConsumer(PlatformHttpEndpoint endpoint, Processor processor, NonBlockingHttpEngine engine) {
            super(endpoint, processor, engine.getHandlers(),
                    VertxPlatformHttpRouter.getRouterNameFromPort(engine.getServerPort()));
        }

        @Override
        protected void handleRequest(RoutingContext ctx) {
            if (isSuspended()) {
                ctx.response().setStatusCode(503).end();
                return;
            }
            Exchange exchange = createExchange(false);
            exchange.setPattern(ExchangePattern.InOut);
            processHttpRequest(exchange, ctx).onComplete(read -> {
                if (read.failed()) {
                    ctx.fail(read.cause());
                    releaseExchange(exchange, false);
                    return;
                }
                try {
                    createUoW(exchange);
                } catch (Exception e) {
                    ctx.fail(e);
                    releaseExchange(exchange, false);
                    return;
                }
                getAsyncProcessor().process(exchange, doneSync -> {
                    answer(ctx.response(), exchange);
                    doneUoW(exchange);
                    releaseExchange(exchange, false);
                });
            });
        }

        private static void answer(HttpServerResponse response, Exchange exchange) {
            if (response.ended() || response.closed()) {
                return;
            }
            if (exchange.getException() != null) {
                LOG.warn("{} {}: {}", exchange.getFromRouteId(), exchange.getMessage().getHeader(Exchange.HTTP_PATH),
                        exchange.getException().getMessage());
                response.setStatusCode(500).end();
                return;
            }
            response.setStatusCode(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class));
            String type = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
            if (type != null) {
                response.putHeader("Content-Type", type);
            }
            String body = exchange.getMessage().getBody(String.class);
            response.end(body == null ? "" : body);
        }
    }
}
