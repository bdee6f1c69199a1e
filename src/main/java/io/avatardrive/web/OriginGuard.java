package io.avatardrive.web;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.settings.Origins;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps web pages of other sites from acting through a port: a request that can change something (any method but GET
 * and HEAD, and every WebSocket upgrade) whose {@code Origin} is neither the server's own nor allowed is answered 403
 * before any handler sees it, and a WebSocket is never upgraded. A browser sends its cached Basic credentials with such
 * a request, so the login alone does not stop it.
 */
public final class OriginGuard implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(OriginGuard.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Origins origins;
    private final boolean hasLogin;

    /** @param hasLogin whether the port requires credentials (then any Host the client names is the server's own) */
    public OriginGuard(Origins origins, boolean hasLogin) {
        this.origins = origins;
        this.hasLogin = hasLogin;
    }

    /** Guards the paths under {@code path} on {@code router}, ahead of every other handler there. */
    public void guard(Router router, String path) {
        router.route(path).order(Integer.MIN_VALUE).handler(this);
    }

    @Override
    public void handle(RoutingContext context) {
        boolean acts = context.request().method() != HttpMethod.GET && context.request().method() != HttpMethod.HEAD
                       || "websocket".equalsIgnoreCase(context.request().getHeader("Upgrade"));
        String origin = context.request().getHeader("Origin");
        // the Host header, or HTTP/2's :authority
        String host = context.request().authority() == null ? null : context.request().authority().toString();
        if (!acts || origins.allow(origin, host, hasLogin)) {
            context.next();
            return;
        }
        String reason = origins.refusal(origin);
        LOG.warn("Refused {} {}: {}", context.request().method(), context.request().path(), reason);
        try {
            context.response().setStatusCode(403).putHeader("Content-Type", "application/json")
                    .putHeader("Connection", "close").end(JSON.writeValueAsString(Map.of("reason", reason)));
        } catch (Exception e) {
            context.response().setStatusCode(403).end();
        }
    }
}
