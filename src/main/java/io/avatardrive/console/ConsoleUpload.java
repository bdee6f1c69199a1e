package io.avatardrive.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.drive.ClipNames;
import io.avatardrive.text.TextKind;
import io.vertx.core.Future;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /console/speak}: the clip is streamed to NAME.part beside its place in inbox/TASK/ as it arrives, never
 * held in memory, then linked into place under a name no waiting clip has (NAME-2.EXT, ...), so the folder takes it
 * whole and an upload never replaces a clip still waiting. A body larger than {@link #MAX_UPLOAD_BYTES} is refused with
 * 413, by its Content-Length at once or as soon as a chunked body passes it. A body a plain HTML form or a no-cors fetch
 * can send (form, multipart or text/plain) is refused with 415: only the console's own script sends another type.
 */
final class ConsoleUpload {

    /** An upload larger than this is refused: a console clip is seconds of speech, not an hour. */
    static final long MAX_UPLOAD_BYTES = 64L * 1024 * 1024;
    /** Room in a file name for "-NN" and ".part" within the 255 bytes file systems allow. */
    static final int MAX_NAME_BYTES = 200;

    private static final Set<String> FORM_TYPES = Set.of("application/x-www-form-urlencoded", "multipart/form-data",
            "text/plain");
    private static final Pattern TASK = Pattern.compile("[0-9A-Za-z_-]{1,128}");
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleUpload.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path inbox;
    private final String defaultTaskId;

    ConsoleUpload(Path inbox, String defaultTaskId) {
        this.inbox = inbox;
        this.defaultTaskId = defaultTaskId;
    }

    void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String task = param(request, "task", defaultTaskId);
        String name = ClipNames.safe(param(request, "name", "console.wav"));
        Refusal refusal = refusal(request, task, name);
        if (refusal != null) {
            refuse(context, refusal.status(), refusal.reason());
            return;
        }
        if (Boolean.parseBoolean(request.getParam("interrupt")) && !name.toLowerCase(Locale.ROOT).contains(".interrupt.")) {
            int dot = name.indexOf('.');
            name = name.substring(0, dot) + ".interrupt" + name.substring(dot);
        }
        String clip = name;
        Path folder = inbox.resolve(task);
        Path part = folder.resolve("." + clip + "." + Long.toHexString(System.nanoTime()) + ".part");
        request.pause();
        context.vertx().executeBlocking(() -> Files.createDirectories(folder))
                .compose(created -> context.vertx().fileSystem().open(part.toString(), new OpenOptions().setCreateNew(true)))
                .onSuccess(file -> receive(context, file, task, folder, part, clip))
                .onFailure(e -> {
                    context.response().putHeader("Connection", "close");
                    refuse(context, 507, clip + ": the inbox cannot take it (" + reason(e) + ")");
                });
    }

    private record Refusal(int status, String reason) {
    }

    /** Why the request cannot be an upload, known before its body is read; null if it can. */
    private static Refusal refusal(HttpServerRequest request, String task, String name) {
        String type = String.valueOf(request.getHeader("Content-Type")).toLowerCase(Locale.ROOT).split(";")[0].trim();
        if (request.getHeader("Content-Type") == null || FORM_TYPES.contains(type)) {
            return new Refusal(415, "Content-Type " + type + " is what a web form sends: upload the clip as"
                                    + " application/octet-stream");
        }
        String length = request.getHeader("Content-Length");
        if (length != null && (!length.matches("[0-9]{1,18}") || Long.parseLong(length) > MAX_UPLOAD_BYTES)) {
            return new Refusal(413, name + ": larger than " + MAX_UPLOAD_BYTES + " bytes");
        }
        if (!TASK.matcher(task).matches()) {
            return new Refusal(400, "'" + ClipNames.safe(task) + "' is not a valid TaskId (1-128 of [0-9A-Za-z_-])");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.startsWith(".")) {
            return new Refusal(400, name + ": a clip's name must not start with '.' (the folder ignores hidden files)");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            return new Refusal(400, "the clip's name is longer than " + MAX_NAME_BYTES + " bytes");
        }
        if (!lower.endsWith(".wav") && !lower.endsWith(".pcm") && TextKind.ofName(lower).isEmpty()) {
            return new Refusal(400, name + ": not a clip (expected NAME.wav, NAME.pcm, NAME.RATE.pcm, NAME.txt or"
                                    + " NAME.ssml)");
        }
        return null;
    }

    private void receive(RoutingContext context, AsyncFile file, String task, Path folder, Path part, String clip) {
        HttpServerRequest request = context.request();
        long[] received = {0};
        file.exceptionHandler(e -> abandon(context, file, part, 507, clip + ": the inbox cannot take it (" + reason(e)
                                                                     + ")"));
        request.handler(buffer -> {
            received[0] += buffer.length();
            if (received[0] > MAX_UPLOAD_BYTES) {
                abandon(context, file, part, 413, clip + ": larger than " + MAX_UPLOAD_BYTES + " bytes");
                return;
            }
            file.write(buffer);
            if (file.writeQueueFull()) {
                request.pause();
                file.drainHandler(v -> request.resume());
            }
        });
        request.exceptionHandler(e -> file.close().onComplete(closed -> discard(context, part)));
        request.endHandler(v -> file.close().compose(closed -> context.vertx().executeBlocking(() -> {
            if (received[0] == 0) {
                Files.deleteIfExists(part);
                return null;
            }
            return placeUnderFreeName(folder, part, clip);
        })).onComplete(placed -> {
            if (placed.failed()) {
                discard(context, part);
                refuse(context, 507, clip + ": the clip could not be written to the inbox (" + reason(placed.cause()) + ")");
            } else if (placed.result() == null) {
                refuse(context, 400, clip + ": the clip is empty");
            } else {
                LOG.info("Console upload: {} ({} bytes) dropped for task {}", placed.result(), received[0], task);
                answer(context, 202, Map.of("task", task, "file", placed.result()));
            }
        }));
        request.resume();
    }

    /** Stops reading at once (the rest of the body is never taken in), removes what was written, and refuses. */
    private static void abandon(RoutingContext context, AsyncFile file, Path part, int status, String reason) {
        context.request().handler(null);
        context.request().endHandler(null);
        context.request().pause();
        // answered once nothing of it is left, then the connection is closed rather than its body drained
        file.close().eventually(() -> discard(context, part)).onComplete(gone -> {
            context.response().putHeader("Connection", "close");
            refuse(context, status, reason);
            context.request().connection().close();
        });
    }

    /** Links the complete clip into place under its name, or NAME-2.EXT, NAME-3.EXT, ... if a clip waits there. */
    private static String placeUnderFreeName(Path folder, Path part, String clip) throws IOException {
        int dot = clip.indexOf('.');
        for (int n = 1; n < 1000; n++) {
            String name = n == 1 ? clip : clip.substring(0, dot) + "-" + n + clip.substring(dot);
            try {
                // a link appears whole and never replaces a file of the same name, as a rename would
                Files.createLink(folder.resolve(name), part);
                Files.delete(part);
                return name;
            } catch (FileAlreadyExistsException taken) {
                // the next free name
            }
        }
        Files.delete(part);
        throw new FileAlreadyExistsException(clip + " and 998 of its numbered names wait in the inbox");
    }

    private static Future<Void> discard(RoutingContext context, Path part) {
        return context.vertx().fileSystem().delete(part.toString()).onFailure(e -> LOG.debug("{} not removed: {}",
                part, e.getMessage()));
    }

    /** A file system's reason without the path, so that an answer never shows where the inbox is. */
    private static String reason(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
        }
        String message = cause.getMessage();
        return message != null && !message.contains("/") ? message : cause.getClass().getSimpleName();
    }

    private static void refuse(RoutingContext context, int status, String reason) {
        answer(context, status, Map.of("reason", reason));
    }

    private static void answer(RoutingContext context, int status, Map<String, String> body) {
        if (context.response().ended()) {
            return;
        }
        try {
            context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(JSON.writeValueAsString(body));
        } catch (IOException e) {
            context.fail(e);
        }
    }

    private static String param(HttpServerRequest request, String name, String fallback) {
        String value = request.getParam(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
