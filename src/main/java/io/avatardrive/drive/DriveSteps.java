package io.avatardrive.drive;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import javax.sound.sampled.AudioSystem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.audio.AudioCut;
import io.avatardrive.audio.AudioFormatProblem;
import io.avatardrive.audio.LiveAudio;
import io.avatardrive.audio.PcmClip;
import io.avatardrive.audio.PcmNormaliser;
import io.avatardrive.audio.StreamStalled;
import io.avatardrive.sami.ConversionFailed;
import io.avatardrive.sami.SamiException;
import io.avatardrive.sami.VoiceConversion;
import io.avatardrive.settings.DriveSettings;
import io.avatardrive.settings.Redactor;
import io.avatardrive.text.SpeechText;
import io.avatardrive.text.TextKind;
import io.avatardrive.text.TextProblem;
import io.avatardrive.vendor.AvatarSession;
import io.avatardrive.vendor.SocketClients;
import io.avatardrive.vendor.VendorException;
import io.avatardrive.volc.VolcFrames;
import io.avatardrive.volc.VolcSession;
import io.avatardrive.zego.DriveByWsStreamCall;
import io.avatardrive.zego.DriveByWsStreamResponse;
import io.avatardrive.zego.DriveTicket;
import io.avatardrive.zego.ZegoSession;
import io.avatardrive.zego.ZegoSigner;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.vertx.websocket.VertxWebsocketComponent;
import org.apache.camel.support.AsyncProcessorSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The steps of a drive as Camel processors: thin wiring of the audio and vendor classes into the route. */
public final class DriveSteps {

    private static final long CONNECT_TIMEOUT_MS = 10_000;
    private static final String SHUTTING_DOWN = "the drive was cut short: the pipeline is shutting down";
    /** The reason a report kept before Stop carries: published only if the drive's own report never came. */
    static final String STOP_UNCONFIRMED = "all its audio went out, but the instance driving it stopped before Stop was"
                                           + " confirmed and its report published";

    private static final Logger LOG = LoggerFactory.getLogger(DriveSteps.class);
    private static final Pattern TASK_ID = Pattern.compile("[0-9A-Za-z_-]{1,128}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ZegoSigner signer = new ZegoSigner();
    private DriveMetrics metrics;
    private final TaskDrives active;
    /** Made with the route, so that the first drive finds the API client ready. */
    private final DriveByWsStreamCall api = new DriveByWsStreamCall().warm();
    private final ExecutorService workers;
    private volatile SocketClients clients;

    /**
     * @param workers feeds voice conversions, reads their converted audio, and finishes drives: work that may block,
     *                kept off the event loops that pace the streams
     */
    DriveSteps(ExecutorService workers, TaskDrives active) {
        this.workers = workers;
        this.active = active;
    }

    /** On shutdown: every drive in flight ends its stream at the next chunk and sends Stop, so the process can exit. */
    void cancelAll() {
        if (!active.isEmpty()) {
            LOG.info("Shutting down: cutting {} drive(s) short; they send Stop, their clips go back to the inbox or"
                     + " queue, live utterances are reported cut", active.size());
        }
        active.cancelAll(new CancellationException(SHUTTING_DOWN));
    }

    private DriveMetrics metrics(Exchange exchange) {
        return metrics(exchange.getContext());
    }

    /** The drive's meters, registered once the context's metrics registry is there (at the latest, at start). */
    synchronized DriveMetrics metrics(CamelContext context) {
        if (metrics == null) {
            metrics = DriveMetrics.of(context);
        }
        return metrics;
    }

    /** The settings of the route instance this exchange came through (see {@link AvatarDriveRoute}). */
    private static DriveSettings settings(Exchange exchange) {
        return exchange.getProperty(AvatarDriveConstants.SETTINGS, DriveSettings.class);
    }

    /**
     * Read and normalise: the body (a file or bytes) becomes a PCM stream the avatar accepts; with a speaker, converted
     * to that voice as it streams; for Volcengine, at 16 kHz.
     */
    void read(Exchange exchange) throws Exception {
        DriveSettings settings = settings(exchange);
        PcmNormaliser normaliser = new PcmNormaliser(settings.pcmSampleRate());
        String taskId = exchange.getMessage().getHeader(AvatarDriveConstants.TASK_ID, settings.taskId(), String.class);
        String name = exchange.getMessage().getHeader(AvatarDriveConstants.CLIP_NAME, "clip", String.class);
        String backend = exchange.getMessage().getHeader(AvatarDriveConstants.BACKEND, settings.backend(), String.class).trim();
        String speaker = exchange.getMessage().getHeader(AvatarDriveConstants.SPEAKER, settings.speaker(), String.class).trim();
        exchange.setProperty(AvatarDriveConstants.STAGE, Stage.READ);
        if (!TASK_ID.matcher(taskId).matches()) {
            throw new DriveFailure(Stage.READ, name + ": '" + taskId + "' is not a valid TaskId (1-128 of [0-9A-Za-z_-])", null);
        }
        if (!DriveSettings.isBackend(backend)) {
            throw new DriveFailure(Stage.READ, name + ": Backend '" + backend + "' is not " + DriveSettings.ZEGO + " or "
                                               + DriveSettings.VOLC_TTA, null);
        }
        // without an account (and, under drive.stand-ins = never, without a stand-in) a vendor refuses its clips by name
        if (DriveSettings.VOLC_TTA.equals(backend) && !settings.volc().hasCredentials()) {
            throw new DriveFailure(Stage.READ, name + ": the volc-tta backend has no account here (volc.app-id is not"
                                               + " set)", null);
        }
        if (DriveSettings.ZEGO.equals(backend) && !settings.hasCredentials()) {
            throw new DriveFailure(Stage.READ, name + ": the zego backend has no account here (zego.app-id is not set)",
                    null);
        }

        Optional<TextKind> words = TextKind.ofLabel(exchange.getMessage().getHeader(AvatarDriveConstants.FORMAT, String.class))
                .or(() -> TextKind.ofName(name));
        if (words.isPresent()) {
            readText(exchange, settings, name, taskId, backend, speaker, words.get());
            return;
        }
        File file = exchange.getMessage().getBody(File.class);
        PcmClip clip;
        LongSupplier receivedAt = null;
        if (file != null) {
            clip = openFile(normaliser, file, name);
        } else {
            Object body = exchange.getMessage().getBody();
            InputStream in = exchange.getMessage().getMandatoryBody(InputStream.class);
            Integer rate = exchange.getMessage().getHeader(AvatarDriveConstants.SAMPLE_RATE, Integer.class);
            exchange.setProperty(AvatarDriveConstants.STAGE, Stage.DECODE);
            // a stream may still be being written (a TTS callback, a live ingress): its reads may wait, and a shutdown
            // cuts it for good; bytes and files (the queue's spooled clips) are whole, and a shutdown gives them back
            boolean live = isLive(body);
            if (live) {
                long readAt = System.nanoTime();
                receivedAt = body instanceof LiveAudio audio
                        ? () -> audio.firstAudioNanos() < 0 ? readAt : audio.firstAudioNanos() : () -> readAt;
            }
            clip = "pcm".equals(exchange.getMessage().getHeader(AvatarDriveConstants.FORMAT, String.class))
                    ? normaliser.raw(name, in, rate != null ? rate : settings.pcmSampleRate(), AudioSystem.NOT_SPECIFIED)
                    : normaliser.open(name, in, rate);
            if (body instanceof LiveAudio audio) {
                clip = clip.asLive(audio::readable);
            } else if (live) {
                clip = clip.asLive();
            }
        }
        if (!speaker.isEmpty() && !settings.sami().hasCredentials()) {
            throw new DriveFailure(Stage.VOICE, name + ": voice conversion to " + speaker + " has no account here"
                                                + " (sami.appkey is not set)", null);
        }
        if (!speaker.isEmpty()) {
            exchange.setProperty(AvatarDriveConstants.STAGE, Stage.VOICE);
            clip = VoiceConversion.start(clients(exchange), workers, settings.sami(), speaker, clip,
                    settings.sami().leadMs(), settings.stallTimeoutMs());
        }
        if (DriveSettings.VOLC_TTA.equals(backend)) {
            clip = PcmNormaliser.resample(clip, VolcFrames.SAMPLE_RATE);
        }
        ActiveDrive drive = new ActiveDrive(name, taskId, clip, settings, backend, speaker, receivedAt);
        if (exchange.getProperty(AvatarDriveConstants.BEFORE_STOP) == null) {
            drive.stopsWhenCut();
        }
        exchange.setProperty(AvatarDriveConstants.DRIVE, drive);
        // from here an interrupt for the task reaches it, even before it has a DriveId or a socket
        active.add(drive, exchange.getProperty(AvatarDriveConstants.ARRIVED, System.nanoTime(), Long.class));
    }

    /**
     * Words rather than audio: checked (UTF-8, not empty, well-formed SSML, no longer than volc.max-text-chars) and
     * said by a Volcengine avatar in its own voice. ZEGO's drive takes audio only, so words for it are refused.
     */
    private void readText(Exchange exchange, DriveSettings settings, String name, String taskId, String backend,
                          String speaker, TextKind kind) throws Exception {
        if (!DriveSettings.VOLC_TTA.equals(backend)) {
            throw new DriveFailure(Stage.READ, name + ": " + kind.label() + " needs the " + DriveSettings.VOLC_TTA
                                               + " backend, and this task's is " + backend + ", whose drive takes PCM"
                                               + " audio only (set drive.backend = " + DriveSettings.VOLC_TTA
                                               + " for the task, or send audio)", null);
        }
        if (!speaker.isEmpty()) {
            LOG.info("{}: words are said in the avatar's own voice (volc.role-conf's voice_type); the speaker {} converts"
                     + " audio only", name, speaker);
        }
        exchange.setProperty(AvatarDriveConstants.STAGE, Stage.DECODE);
        File file = exchange.getMessage().getBody(File.class);
        SpeechText text;
        try (InputStream in = file != null ? fromFile(name, () -> Files.newInputStream(file.toPath()))
                : exchange.getMessage().getMandatoryBody(InputStream.class)) {
            text = SpeechText.read(name, in, kind, settings.volc().maxTextChars());
        }
        ActiveDrive drive = new ActiveDrive(name, taskId, text, settings);
        exchange.setProperty(AvatarDriveConstants.DRIVE, drive);
        active.add(drive, exchange.getProperty(AvatarDriveConstants.ARRIVED, System.nanoTime(), Long.class));
    }

    /** The operator console's board, when the application has one (an embedding application may not). */
    private static DriveBoard board(Exchange exchange) {
        return exchange.getContext().getRegistry().lookupByNameAndType(DriveBoard.BEAN, DriveBoard.class);
    }

    private static void toBoard(Exchange exchange, DriveOutcome report) {
        DriveBoard board = board(exchange);
        if (board != null) {
            board.ended(report);
        }
    }

    /** Whether a body is audio still being produced, rather than bytes or a file that are whole. */
    private static boolean isLive(Object body) {
        return body instanceof InputStream && !(body instanceof ByteArrayInputStream || body instanceof FileInputStream);
    }

    /**
     * {@link #read} as a route step. Live audio is read on a worker: its header, or its first bytes, may take a while
     * to come, and the few threads that start drives must not wait for them.
     */
    AsyncProcessor reader() {
        return new AsyncProcessorSupport() {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                if (!isLive(exchange.getMessage().getBody())) {
                    readInto(exchange);
                    callback.done(true);
                    return true;
                }
                workers.execute(() -> {
                    readInto(exchange);
                    callback.done(false);
                });
                return false;
            }

            private void readInto(Exchange exchange) {
                try {
                    read(exchange);
                } catch (Exception e) {
                    exchange.setException(e);
                }
            }
        };
    }

    private SocketClients clients(Exchange exchange) {
        return clients(exchange.getContext());
    }

    /** The WebSocket clients, made once on camel-vertx-websocket's Vert.x (which a user may configure). */
    private SocketClients clients(CamelContext context) {
        SocketClients c = clients;
        if (c == null) {
            synchronized (this) {
                if (clients == null) {
                    clients = new SocketClients(vertx(context), CONNECT_TIMEOUT_MS);
                }
                c = clients;
            }
        }
        return c;
    }

    private static io.vertx.core.Vertx vertx(CamelContext context) {
        return context.getComponent("vertx-websocket", VertxWebsocketComponent.class).getVertx();
    }

    /** Once the context runs: the clients are made and used once on loopback, off the starting thread. */
    void warmUp(CamelContext context, DriveWarmUp warmUp) {
        warmUp.start(vertx(context), clients(context), workers);
    }

    private static PcmClip openFile(PcmNormaliser normaliser, File file, String name) throws IOException {
        try {
            return fromFile(name, () -> normaliser.open(file.toPath(), name));
        } catch (AudioFormatProblem e) {
            throw new DriveFailure(Stage.DECODE, e.getMessage(), e);
        }
    }

    /** A read of a clip's file. */
    private interface FileRead<T> {
        T read() throws IOException;
    }

    /** The file's own problems (gone, not readable) said in an operator's words, at stage read. */
    private static <T> T fromFile(String name, FileRead<T> read) throws IOException {
        try {
            return read.read();
        } catch (AccessDeniedException e) {
            throw new DriveFailure(Stage.READ, name + ": the file cannot be read (permission denied)", e);
        } catch (NoSuchFileException e) {
            throw new DriveFailure(Stage.READ, name + ": the file disappeared before it could be read", e);
        }
    }

    /** What the throttle needs to know: which AppId's quota, and how much of it one call spends. */
    void prepareCall(Exchange exchange) {
        DriveSettings settings = exchange.getProperty(AvatarDriveConstants.DRIVE, ActiveDrive.class).settings();
        exchange.setProperty(AvatarDriveConstants.APP_ID, settings.appId());
        exchange.setProperty(AvatarDriveConstants.API_PERMITS, Math.max(1, settings.apiQps() / 10));
    }

    /** Sign: a fresh nonce, timestamp and signature for this one call, then the JSON body naming the task. */
    void signedRequest(Exchange exchange) throws IOException {
        ActiveDrive drive = exchange.getProperty(AvatarDriveConstants.DRIVE, ActiveDrive.class);
        DriveSettings settings = drive.settings();
        String taskId = drive.taskId();
        ZegoSigner.SignedQuery query;
        try {
            query = signer.sign("DriveByWsStream", settings.appId(), settings.serverSecret(), Instant.now().getEpochSecond());
        } catch (RuntimeException e) {
            throw new DriveFailure(Stage.SIGN, "could not sign the DriveByWsStream call: " + e.getMessage(), e);
        }
        exchange.getMessage().setHeader(Exchange.HTTP_QUERY, query.toQueryString());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(JSON.writeValueAsString(Map.of("TaskId", taskId)));
    }

    /**
     * The DriveByWsStream call, holding no thread while it waits: bounded by zego.api-timeout-ms as a whole (a timeout
     * is an API failure, retried with back-off), so a vendor that hangs or drips holds only its own task, and a storm
     * of starts costs no thread per call.
     */
    AsyncProcessor callApi() {
        return new AsyncProcessorSupport() {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                DriveSettings settings = exchange.getProperty(AvatarDriveConstants.DRIVE, ActiveDrive.class).settings();
                api.call(settings.apiUrl(), exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class),
                        exchange.getMessage().getBody(String.class), settings.apiTimeoutMs()).whenComplete((answer, failure) -> {
                            if (failure != null) {
                                exchange.setException(failure instanceof CompletionException && failure.getCause() != null
                                        ? failure.getCause() : failure);
                            } else {
                                exchange.getMessage().setBody(answer);
                            }
                            callback.done(false);
                        });
                return false;
            }
        };
    }

    void ticket(Exchange exchange) {
        DriveByWsStreamResponse answer = exchange.getMessage().getBody(DriveByWsStreamResponse.class);
        metrics(exchange).apiAnswer(answer.code());
        DriveBoard board = board(exchange);
        if (board != null) {
            board.apiAnswer(answer.code());
        }
        DriveTicket ticket = answer.toTicket();
        exchange.getMessage().setBody(ticket);
    }

    /** The enrich strategy: the ticket joins the drive; an API failure stays an API failure. */
    Exchange withTicket(Exchange drive, Exchange answer) {
        if (answer.getException() != null) {
            drive.setException(answer.getException());
            return drive;
        }
        drive.getProperty(AvatarDriveConstants.DRIVE, ActiveDrive.class).ticket(answer.getMessage().getBody(DriveTicket.class));
        return drive;
    }

    /** Connects the avatar's session and opens it: ZEGO's Start on the ticket's socket, or a Volcengine TTA session. */
    void start(Exchange exchange) throws Exception {
        ActiveDrive drive = exchange.getProperty(AvatarDriveConstants.DRIVE, ActiveDrive.class);
        if (drive.cancellation() != null) {
            // interrupted (or shut down) while it waited for its DriveId: never connected, nothing to Stop
            throw drive.cancellation();
        }
        DriveSettings settings = drive.settings();
        AvatarSession session = drive.isZego()
                ? new ZegoSession(clients(exchange), drive.ticket(), drive.clip().sampleRate(), settings.wsTrustAll(),
                        settings.stallTimeoutMs())
                : new VolcSession(clients(exchange), settings.volc(), settings.stallTimeoutMs(), drive.clipName(),
                        drive.isText() ? VolcFrames.InputMode.TEXT : VolcFrames.InputMode.AUDIO);
        if (drive.isText()) {
            LOG.info("Saying {} on task {} with {} {}: {} characters of {}", drive.clipName(), drive.taskId(),
                    drive.backend(), session.driveId(), drive.text().characters(), drive.text().kind().label());
        } else {
            LOG.info("Driving {} on task {} with {} {} at {} Hz", drive.clipName(), drive.taskId(), drive.backend(),
                    session.driveId(), drive.clip().sampleRate());
        }
        drive.start(session);
        metrics(exchange).started();
    }

    /** Whether the drive goes to ZEGO, which needs a DriveId from its API first. */
    static boolean isZego(Exchange exchange) {
        return exchange.getProperty(AvatarDriveConstants.DRIVE, ActiveDrive.class).isZego();
    }

    /**
     * Split and pace, asynchronously: the clip's chunks go out on timers of the connection's event loop (see
     * {@link PacedStream}), and the route goes on (to Stop) on a worker once the last is written, so no thread waits
     * out a drive. Words are said instead, a worker waiting for the avatar to finish them.
     */
    AsyncProcessor pacedStream() {
        return new AsyncProcessorSupport() {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                ActiveDrive drive = exchange.getProperty(AvatarDriveConstants.DRIVE, ActiveDrive.class);
                if (drive.isText()) {
                    workers.execute(() -> {
                        try {
                            drive.speak();
                        } catch (Exception e) {
                            exchange.setException(e);
                        }
                        callback.done(false);
                    });
                    return false;
                }
                drive.stream(workers).start().whenComplete((v, failure) -> {
                    if (failure != null) {
                        exchange.setException(failure);
                    }
                    // never on the Vert.x event loop: Stop waits for its own write, which that loop completes
                    workers.execute(() -> callback.done(false));
                });
                return false;
            }
        };
    }

    /**
     * Stop after the last byte, always; a Stop that fails after a clean stream fails the drive. Between the two, the
     * ingress's {@link AvatarDriveConstants#BEFORE_STOP} records the clip as driven; if that fails, Stop still goes out first.
     */
    void stop(Exchange exchange) throws Exception {
        ActiveDrive drive = exchange.getProperty(AvatarDriveConstants.DRIVE, ActiveDrive.class);
        // an interrupted clip counts as driven: a redelivery must not speak it again
        boolean streamFailed = exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != null
                && !(drive.cancellation() instanceof DriveInterrupted);
        RuntimeException notRecorded = null;
        DrivenHook record = exchange.getProperty(AvatarDriveConstants.BEFORE_STOP, DrivenHook.class);
        if (!streamFailed && record != null) {
            try {
                record.driven(drive.report(drive.cancellation() instanceof DriveInterrupted ? Outcome.INTERRUPTED
                        : Outcome.DRIVEN, STOP_UNCONFIRMED));
            } catch (RuntimeException e) {
                notRecorded = e;
            }
        }
        try {
            drive.stop();
        } catch (Exception e) {
            if (!streamFailed) {
                throw e;
            }
            LOG.warn("Could not send Stop for {} after the stream failed: {}", drive.clipName(),
                    drive.redactor().redact(e.getMessage()));
        }
        if (notRecorded != null) {
            throw notRecorded;
        }
    }

    void succeeded(Exchange exchange) {
        ActiveDrive drive = exchange.getProperty(AvatarDriveConstants.DRIVE, ActiveDrive.class);
        active.remove(drive);
        drive.release();
        DriveReport report = drive.report(Outcome.DRIVEN, null);
        metrics(exchange).ended(report, true);
        toBoard(exchange, report);
        if (drive.isText()) {
            LOG.info("Said {} on task {}: {} {}, {} characters of {}, wall {} ms", report.clipName(), report.taskId(),
                    report.backend(), report.driveId(), report.characters(), report.input(), report.wallMs());
        } else {
            LOG.info("Drove {} on task {}: DriveId {}, {} ms of audio at {} Hz in {} chunks, wall {} ms, max lead {} ms",
                    report.clipName(), report.taskId(), report.driveId(), report.audioMs(), report.sampleRate(),
                    report.chunks(), report.wallMs(), report.maxLeadMs());
        }
        exchange.getMessage().setBody(report);
    }

    /** Any failure becomes a report that names the clip, the stage and the reason, with no secret in it. */
    void failed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        ActiveDrive drive = exchange.getProperty(AvatarDriveConstants.DRIVE, ActiveDrive.class);
        if (drive != null) {
            active.remove(drive);
            drive.release();
            DriveReport cutShort = cutShort(drive, cause);
            if (cutShort != null) {
                metrics(exchange).ended(cutShort, drive.started());
                toBoard(exchange, cutShort);
                LOG.info("{} on task {} {} after {} ms of audio: {}", cutShort.clipName(), cutShort.taskId(),
                        cutShort.outcome().label(), cutShort.audioMs(), cutShort.reason());
                exchange.getMessage().setBody(cutShort);
                return;
            }
        }
        DriveSettings settings = settings(exchange);
        Redactor redactor = new Redactor(settings.serverSecret(), settings.volc().accessToken(), settings.sami().token());
        String file = drive != null ? drive.clipName() : exchange.getMessage().getHeader(AvatarDriveConstants.CLIP_NAME, "clip", String.class);
        String taskId = drive != null ? drive.taskId() : exchange.getMessage().getHeader(AvatarDriveConstants.TASK_ID,
                settings.taskId(), String.class);
        Stage stage = exchange.getProperty(AvatarDriveConstants.STAGE, Stage.READ, Stage.class);
        Long code = null;
        String vendorMessage = null;
        String vendor = drive != null ? drive.backend() : null;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof DriveFailure failure) {
                stage = failure.stage();
                break;
            }
            if (t instanceof VendorException answer) {
                if (answer instanceof SamiException) {
                    stage = Stage.VOICE;
                }
                code = answer.getCode();
                vendorMessage = answer.getVendorMessage();
                vendor = answer.getVendor();
                break;
            }
            if (t instanceof AudioFormatProblem || t instanceof TextProblem) {
                stage = Stage.DECODE;
                break;
            }
            if (t instanceof ConversionFailed) {
                stage = Stage.VOICE;
                break;
            }
        }
        String reason = redactor.redact(describe(cause, stage));
        if (!reason.contains(file)) {
            reason = file + ": " + reason;
        }
        FailureReport report = new FailureReport(file, taskId, stage, vendor, code, redactor.redact(vendorMessage), reason);
        metrics(exchange).failed(stage, drive != null && drive.started());
        toBoard(exchange, report);
        LOG.warn("Could not drive {} on task {} ({}): {}", file, taskId, stage.label(), reason);
        exchange.getMessage().setBody(report);
    }

    /**
     * A drive that ended early on purpose rather than failing: interrupted for its task, or live audio cut (its
     * producer stopped, or a shutdown came). Its report says so, with the audio actually sent; null for a failure.
     */
    private static DriveReport cutShort(ActiveDrive drive, Throwable cause) {
        RuntimeException cancellation = drive.cancellation();
        if (cancellation instanceof DriveInterrupted) {
            return drive.report(Outcome.INTERRUPTED, cancellation.getMessage());
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof AudioCut) {
                return drive.report(Outcome.CUT, drive.clipName() + ": " + t.getMessage());
            }
        }
        if (cancellation != null && drive.live()) {
            return drive.report(Outcome.CUT, drive.clipName() + ": " + cancellation.getMessage());
        }
        return null;
    }

    /** Our own failures say what they mean; anything else gets the stage's words and its root cause. */
    private static String describe(Throwable cause, Stage stage) {
        if (cause == null) {
            return "unknown failure";
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof DriveFailure || t instanceof VendorException || t instanceof AudioFormatProblem
                || t instanceof TextProblem || t instanceof ConversionFailed || t instanceof StreamStalled) {
                return t.getMessage();
            }
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootText = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return switch (stage) {
            case API -> root instanceof java.net.SocketTimeoutException
                    ? "the DriveByWsStream call got no answer in time (zego.api-timeout-ms; " + rootText + ")"
                    : "the DriveByWsStream call failed (" + rootText + ")";
            case CONNECT -> "could not connect the drive socket (" + rootText + ")";
            case VOICE -> "the voice conversion failed (" + rootText + ")";
            case STREAM -> "the drive socket failed while streaming (" + rootText + ")";
            default -> rootText;
        };
    }
}
