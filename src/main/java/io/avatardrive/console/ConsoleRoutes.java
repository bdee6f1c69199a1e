package io.avatardrive.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.drive.DriveBoard;
import io.avatardrive.drive.DriveOutcome;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator console on the management port, behind the management port's own authentication: the page
 * ({@code /console}), its live feed ({@code /console/events}, server-sent events four times a second), a recent
 * outcome's report ({@code /console/reports/N}), and the upload that speaks a clip by dropping it into the task's inbox
 * folder ({@code POST /console/speak}), where it is driven, filed and reported like any other.
 */
public final class ConsoleRoutes {

    private static final long FEED_MS = 250;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DriveBoard board;
    private final ConsoleUpload upload;
    private final String defaultTaskId;
    private final String page;

    public ConsoleRoutes(DriveBoard board, Path inbox, String defaultTaskId) throws IOException {
        this.board = board;
        this.upload = new ConsoleUpload(inbox, defaultTaskId);
        this.defaultTaskId = defaultTaskId;
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream("/console/index.html")) {
            this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Adds the console's paths to the management server's router. */
    public void addTo(Router router) {
        router.get("/console").handler(this::page);
        router.get("/console/events").handler(this::events);
        router.get("/console/reports/:id").handler(this::report);
        router.post("/console/speak").handler(upload::handle);
    }

    private void page(RoutingContext context) {
        context.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                                                      + "script-src 'self' 'unsafe-inline'")
                .end(page.replace("{{defaultTask}}", defaultTaskId));
    }

    private void events(RoutingContext context) {
        HttpServerResponse response = context.response().setChunked(true)
                .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
        long timer = context.vertx().setPeriodic(FEED_MS, id -> {
            try {
                response.write("data: " + JSON.writeValueAsString(board.snapshot()) + "\n\n");
            } catch (Exception e) {
                LOG.debug("Console feed not written: {}", e.getMessage());
            }
        });
        response.closeHandler(v -> context.vertx().cancelTimer(timer));
    }

    private void report(RoutingContext context) {
        DriveOutcome report;
        try {
            report = board.report(Long.parseLong(context.pathParam("id")));
        } catch (NumberFormatException e) {
            report = null;
        }
        if (report == null) {
            context.response().setStatusCode(404).end("no such recent report");
            return;
        }
        try {
            context.response().putHeader("Content-Type", "application/json")
                    .end(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } catch (IOException e) {
            context.fail(e);
        }
    }

}
