package io.avatardrive.live;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.audio.LiveAudio;
import io.avatardrive.audio.SampleRates;
import io.avatardrive.drive.AvatarDriveConstants;
import io.avatardrive.drive.ClipNames;
import io.avatardrive.drive.DriveFailedException;
import io.avatardrive.drive.DriveOutcome;
import io.avatardrive.drive.FailureClassifier;
import io.avatardrive.drive.FailureReport;
import io.avatardrive.drive.Outcome;
import io.avatardrive.drive.Stage;
import io.avatardrive.ingress.LiveDrives;
import io.avatardrive.ingress.LiveRequest;
import io.avatardrive.text.TextKind;
import io.avatardrive.vendor.Retry;
import io.vertx.core.http.HttpServerRequest;
import org.apache.camel.Exchange;

/**
 * {@code POST /tasks/{TaskId}/speak}: the request body is the utterance, read as it arrives (platform-http hands the
 * request over unread, so a chunked body drives from its first bytes), and the answer is its report after Stop. A body
 * of type text/plain or application/ssml+xml is words, said by a Volcengine avatar.
 * <ul>
 *   <li>200: driven, interrupted or superseded;</li>
 *   <li>400: bad input (content type, rate, audio) or a body that stalled or broke off (outcome {@code cut});</li>
 *   <li>503: the vendor was busy or unreachable, worth trying again; 502: the vendor refused it.</li>
 * </ul>
 */
public final class HttpSpeak {

    /** Above this much audio waiting to be read, a client far ahead of real time is paused (TCP back-pressure). */
    static final int HIGH_WATER_BYTES = 256 * 1024;

    private static final Pattern PCM = Pattern.compile("audio/(?:pcm|l16)\\s*;\\s*rate\\s*=\\s*\"?([0-9]+)\"?.*");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The status of a request refused before it became an utterance, when it is not 400. */
    private static final String REFUSED_STATUS = "avatarDriveRefusedStatus";

    private final long gapMs;
    private final IngressLogin login;
    private final OpenRequests open;

    HttpSpeak(long gapMs, IngressLogin login, OpenRequests open) {
        this.gapMs = gapMs;
        this.login = login;
        this.open = open;
    }

    /** The request becomes a live utterance: its headers the drive's, its body a {@link LiveAudio} fed as it arrives. */
    public void open(Exchange exchange) {
        HttpServerRequest request = exchange.getMessage().getBody(HttpServerRequest.class);
        String taskId = exchange.getMessage().getHeader("taskId", String.class);
        String name = ClipNames.safe(param(request, "name", "utterance"));
        // only the path and the documented query parameters count, never a request header of the same name
        exchange.getMessage().removeHeaders("*");
        if (!login.allows(request.getHeader("Authorization"))) {
            request.response().putHeader("WWW-Authenticate", "Basic realm=\"avatar-drive\"");
            exchange.setProperty(REFUSED_STATUS, 401);
            refuse(exchange, request, taskId, name, "ingress.username and ingress.password are required");
            return;
        }
        Runnable release = open.tryOpen();
        if (release == null) {
            exchange.setProperty(REFUSED_STATUS, 503);
            request.response().putHeader("Retry-After", "1");
            refuse(exchange, request, taskId, name, open.refusal());
            return;
        }
        // the place is given back once the answer is written or the client went away, whichever comes first
        request.response().endHandler(v -> release.run());
        String type = String.valueOf(request.getHeader("Content-Type")).toLowerCase(Locale.ROOT).trim();
        Integer rate = null;
        Matcher pcm = PCM.matcher(type);
        Optional<TextKind> words = TextKind.ofMediaType(type);
        if (pcm.matches()) {
            String digits = pcm.group(1);
            rate = digits.length() <= 9 ? Integer.valueOf(digits) : null;
            if (rate == null || !SampleRates.isDrivable(rate)) {
                refuse(exchange, request, taskId, name, "raw PCM at " + ClipNames.safe(digits)
                                                        + " Hz; the avatar takes 16000 or 24000");
                return;
            }
        } else if (words.isEmpty() && !type.startsWith("audio/wav") && !type.startsWith("audio/x-wav")
                   && !type.startsWith("audio/wave")) {
            refuse(exchange, request, taskId, name, "Content-Type '" + type + "' is not audio/pcm;rate=16000|24000"
                                                    + " (s16le mono), audio/wav, text/plain or application/ssml+xml");
            return;
        }
        LiveRequest live = new LiveRequest(taskId, name, rate, rate != null, LiveRequest.option(request.getParam("backend")),
                LiveRequest.option(request.getParam("speaker")), Boolean.parseBoolean(request.getParam("interrupt")));
        LiveAudio audio = new LiveAudio(gapMs, LiveDrives.GAP_SETTING)
                .flowControl(HIGH_WATER_BYTES, request::pause, request::resume);
        request.handler(buffer -> audio.append(buffer.getBytes()));
        request.endHandler(v -> audio.end());
        request.exceptionHandler(e -> audio.cut("the HTTP body broke off (" + e.getMessage() + ")"));
        request.connection().closeHandler(v -> {
            release.run();
            audio.cut("the HTTP client went away before the body ended");
        });
        request.resume();
        live.applyTo(exchange.getMessage());
        words.ifPresent(kind -> exchange.getMessage().setHeader(AvatarDriveConstants.FORMAT, kind.label()));
        exchange.getMessage().setBody(audio);
    }

    /** Whether the request became an utterance to drive, rather than being refused at once. */
    public boolean accepted(Exchange exchange) {
        return exchange.getMessage().getBody() instanceof LiveAudio;
    }

    /** The report as the answer, with a status that says whether to fix the input, retry, or look at the vendor. */
    /** A drive that failed: the report its exception carries becomes what {@link #answer} answers. */
    public void failed(Exchange exchange) {
        exchange.getMessage().setBody(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, DriveFailedException.class).report());
    }

    public void answer(Exchange exchange) throws JsonProcessingException {
        DriveOutcome outcome = exchange.getMessage().getBody(DriveOutcome.class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE,
                exchange.getProperty(REFUSED_STATUS, status(outcome), Integer.class));
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(JSON.writeValueAsString(outcome));
    }

    static int status(DriveOutcome outcome) {
        if (outcome instanceof FailureReport failure) {
            if (failure.stage() == Stage.READ || failure.stage() == Stage.DECODE) {
                return 400;
            }
            return FailureClassifier.of(failure) == Retry.NEVER ? 502 : 503;
        }
        return outcome.outcome() == Outcome.CUT ? 400 : 200;
    }

    private static void refuse(Exchange exchange, HttpServerRequest request, String taskId, String name, String reason) {
        // the body is not read: the connection is closed after the answer rather than drained
        request.response().putHeader("Connection", "close");
        exchange.getMessage().setBody(new FailureReport(name, taskId, Stage.READ, null, null, null, name + ": " + reason));
    }

    private static String param(HttpServerRequest request, String name, String fallback) {
        String value = request.getParam(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
