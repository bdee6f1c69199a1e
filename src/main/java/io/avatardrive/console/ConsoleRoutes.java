package io.avatardrive.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.drive.ClipNames;
import io.avatardrive.text.TextKind;
import io.avatardrive.drive.DriveBoard;
import io.avatardrive.drive.DriveOutcome;
import io.vertx.core.buffer.Buffer;
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

    /** An upload larger than this is refused: a console clip is seconds of speech, not an hour. */
    static final long MAX_UPLOAD_BYTES = 64L * 1024 * 1024;

    private static final long FEED_MS = 250;
    private static final Pattern TASK = Pattern.compile("[0-9A-Za-z_-]{1,128}");
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DriveBoard board;
    private final Path inbox;
    private final String defaultTaskId;
    private final String page;

    public ConsoleRoutes(DriveBoard board, Path inbox, String defaultTaskId) throws IOException {
        this.board = board;
        this.inbox = inbox;
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
        router.post("/console/speak").handler(this::speak);
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

    /**
     * The uploaded clip goes into inbox/TASK/ under its own name (NAME.interrupt.EXT when it barges in), written
     * beside and renamed into place, so the folder takes it whole.
     */
    private void speak(RoutingContext context) {
        String task = param(context, "task", defaultTaskId);
        String name = ClipNames.safe(param(context, "name", "console.wav"));
        String lower = name.toLowerCase(Locale.ROOT);
        if (!TASK.matcher(task).matches()) {
            refuse(context, "'" + task + "' is not a valid TaskId (1-128 of [0-9A-Za-z_-])");
            return;
        }
        if (!lower.endsWith(".wav") && !lower.endsWith(".pcm") && TextKind.ofName(lower).isEmpty()) {
            refuse(context, name + ": not a clip (expected NAME.wav, NAME.pcm, NAME.RATE.pcm, NAME.txt or NAME.ssml)");
            return;
        }
        if (Boolean.parseBoolean(context.request().getParam("interrupt")) && !lower.contains(".interrupt.")) {
            int dot = name.indexOf('.');
            name = name.substring(0, dot) + ".interrupt" + name.substring(dot);
        }
        String fileName = name;
        // the management server may have read the body already (a body handler of its own); else it is read here
        if (context.body().available()) {
            drop(context, task, fileName, context.body().buffer());
        } else {
            context.request().body().onSuccess(body -> drop(context, task, fileName, body))
                    .onFailure(e -> refuse(context, "the upload broke off (" + e.getMessage() + ")"));
        }
    }

    private void drop(RoutingContext context, String task, String fileName, Buffer body) {
        if (body == null || body.length() == 0) {
            refuse(context, fileName + ": the clip is empty");
            return;
        }
        if (body.length() > MAX_UPLOAD_BYTES) {
            refuse(context, fileName + ": larger than " + MAX_UPLOAD_BYTES + " bytes");
            return;
        }
        byte[] clip = body.getBytes();
        context.vertx().executeBlocking(() -> {
            Path folder = Files.createDirectories(inbox.resolve(task));
            Path part = Files.write(folder.resolve(fileName + ".part"), clip);
            Files.move(part, folder.resolve(fileName), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return null;
        }).onComplete(done -> {
            if (done.succeeded()) {
                LOG.info("Console upload: {} ({} bytes) dropped for task {}", fileName, clip.length, task);
                context.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                        .end("{\"task\":\"" + task + "\",\"file\":\"" + fileName + "\"}");
            } else {
                refuse(context, "the clip could not be written to the inbox (" + done.cause().getMessage() + ")");
            }
        });
    }

    private static void refuse(RoutingContext context, String reason) {
        try {
            context.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end(JSON.writeValueAsString(Map.of("reason", reason)));
        } catch (IOException e) {
            context.fail(e);
        }
    }

    private static String param(RoutingContext context, String name, String fallback) {
        String value = context.request().getParam(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
