package io.avatardrive.live;

import io.avatardrive.settings.LiveSettings;
import io.avatardrive.web.OriginGuard;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.component.vertx.websocket.VertxWebsocketComponent;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The live ingress's server: HTTP on Camel's platform-http Vert.x server at
 * ingress.host:ingress.port, routed without a thread per request, and the WebSocket consumer on the same port. Both
 * doors share one guard against other sites' pages and one cap on open requests.
 */
public final class LiveIngress {

    private static final String SPEAK_PATHS = "/tasks/*";

    private LiveIngress() {
    }

    /** Makes the server and guards its doors; the beans the routes use come from {@link LiveConfiguration}. */
    static void serve(CamelContext context, LiveSettings live) throws Exception {
        // the stock consumer may route two frames of one connection out of order (see OrderedFramesComponent)
        if (context.hasComponent("vertx-websocket") != null) {
            context.removeComponent("vertx-websocket");
        }
        context.addComponent("vertx-websocket", new OrderedFramesComponent());
        NonBlockingHttpEngine engine = new NonBlockingHttpEngine();
        context.getRegistry().bind(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME, engine);
        context.getComponent("platform-http", PlatformHttpComponent.class).setEngine(engine);
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindHost(live.host());
        server.setBindPort(live.port());
        context.addService(new VertxPlatformHttpServer(server));
        // platform-http's engine finds its server's port by this configuration (camel-main's management server is a
        // second Vert.x router, so the engine could not tell by the router)
        context.getRegistry().bind("liveIngressServer", server);
        OriginGuard guard = new OriginGuard(live.allowedOrigins(), !live.username().isEmpty());
        // the WebSocket consumer's server shares the port on the same Vert.x, so it must route the POST as well as the
        // upgrade: it gets the platform-http server's router, once that server has made it (before routes start)
        context.addService(new ServiceSupport() {
            @Override
            protected void doStart() {
                VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                        VertxPlatformHttpRouter.getRouterNameFromPort(live.port()));
                guard.guard(router, SPEAK_PATHS);
                router.route(SPEAK_PATHS).order(Integer.MIN_VALUE + 1).handler(SocketFrameLimit::install);
                context.getComponent("vertx-websocket", VertxWebsocketComponent.class).setRouter(router);
            }
        });
    }
}
