package io.avatardrive.live;

import io.vertx.ext.web.RoutingContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.vertx.websocket.VertxWebsocketComponent;
import org.apache.camel.component.vertx.websocket.VertxWebsocketComponentConfigurer;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConfiguration;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConsumer;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEndpoint;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEndpointConfigurer;
import org.apache.camel.spi.PropertyConfigurer;

/**
 * camel-vertx-websocket whose consumer routes a connection's frames in the order they came. The stock consumer (Camel
 * 4.17) hands each frame to an unordered blocking task, so two binary frames of one utterance may reach the route in
 * either order; audio must not. Everything else, the producer included, is the stock component's.
 */
public final class OrderedFramesComponent extends VertxWebsocketComponent {

    /** The stock component's option binding: a subclass has no generated configurer of its own. */
    @Override
    public PropertyConfigurer getComponentPropertyConfigurer() {
        return new VertxWebsocketComponentConfigurer();
    }

    @Override
    public PropertyConfigurer getEndpointPropertyConfigurer() {
        return new VertxWebsocketEndpointConfigurer();
    }

    @Override
    protected VertxWebsocketEndpoint createEndpointInstance(String uri, VertxWebsocketConfiguration configuration) {
        return new VertxWebsocketEndpoint(uri, this, configuration) {
            @Override
            public Consumer createConsumer(Processor processor) throws Exception {
                if (getConfiguration().isConsumeAsClient()) {
                    return super.createConsumer(processor);
                }
                Consumer consumer = new OrderedConsumer(this, processor);
                configureConsumer(consumer);
                return consumer;
            }
        };
    }

    /** Routes each event of a connection on the connection's context, one after the other. */
    private static final class OrderedConsumer extends VertxWebsocketConsumer {

        OrderedConsumer(VertxWebsocketEndpoint endpoint, Processor processor) {
            super(endpoint, processor);
        }

        @Override
        protected void processExchange(Exchange exchange, RoutingContext routingContext) {
            routingContext.vertx().executeBlocking(() -> {
                createUoW(exchange);
                getProcessor().process(exchange);
                return null;
            }, true).onComplete(result -> {
                if (result.failed()) {
                    getExceptionHandler().handleException(result.cause());
                }
                doneUoW(exchange);
                releaseExchange(exchange, false);
            });
        }
    }
}
