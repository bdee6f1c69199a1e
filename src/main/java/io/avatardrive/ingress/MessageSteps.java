package io.avatardrive.ingress;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.drive.DriveFailedException;
import io.avatardrive.drive.AvatarDriveConstants;
import io.avatardrive.drive.DrivenHook;
import io.avatardrive.drive.ClipNames;
import io.avatardrive.drive.DriveReport;
import io.avatardrive.drive.FailureClassifier;
import io.avatardrive.text.TextKind;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message ingress's steps, whichever broker it reads: take a clip message apart, judge a failed drive, and shape the
 * result and the dead letter. The ingress first adapts its message to an {@link IncomingMessage}.
 */
public class MessageSteps {

    /** The clip's bytes, spooled to a file so that a large message is never held in memory. */
    public static final String SPOOL = "avatarDriveSpool";
    /** The {@link IncomingMessage} as it came, for the steps that read its properties after its body was spooled. */
    public static final String RECEIVED = "avatarDriveMessage";
    private static final Logger LOG = LoggerFactory.getLogger(MessageSteps.class);
    /** Properties a dead letter carries: why and where its drive failed. */
    public static final String DEAD_STAGE = "DriveStage";
    public static final String DEAD_REASON = "DriveReason";
    public static final String DEAD_CODE = "DriveCode";
    public static final String MESSAGE_ID = "avatarDriveMessageId";
    /** How often the broker has delivered the message, this time included. */
    static final String DELIVERIES = "avatarDriveDeliveries";
    /** The driven record's mark that a message's report went out. */
    private static final String PUBLISHED = "published:";
    /** The stage a dead letter names when the message failed around its drive, not in it. */
    static final String QUEUE_STAGE = "queue";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path spool;
    private final int maxRedeliveries;
    private final String defaultTaskId;
    private final DrivenRecord driven;
    private boolean reportingOnce;

    /**
     * @param spool  where clip bodies are streamed to while they are driven
     * @param driven the record of driven messages, written when a drive's last audio went out (before its Stop)
     */
    public MessageSteps(Path spool, int maxRedeliveries, String defaultTaskId, DrivenRecord driven) {
        this.spool = spool;
        this.maxRedeliveries = maxRedeliveries;
        this.defaultTaskId = defaultTaskId;
        this.driven = driven;
    }

    /**
     * For an ingress whose publishing of a report does not roll back with the message (Kafka): a message read again
     * after its report went out is not reported again ({@link #published}). A queue's publish rolls back with the
     * message, so it reports a message read again once more.
     */
    public MessageSteps reportingOnce() {
        this.reportingOnce = true;
        return this;
    }

    /** As a route step once the message's report went out: remembered with the driven record. */
    public void published(Exchange exchange) {
        if (reportingOnce) {
            driven.keepReport(PUBLISHED + exchange.getMessage().getHeader(MESSAGE_ID, String.class), "published");
        }
    }

    /**
     * Removes the spool files a killed process left behind: their messages were never committed, so the broker
     * delivers them again and they are spooled afresh. Returns how many were removed.
     */
    public static int clearSpool(Path spool) throws IOException {
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        int removed = 0;
        try (var files = Files.newDirectoryStream(spool, "clip-*.bin")) {
            for (Path leftover : files) {
                Files.deleteIfExists(leftover);
                removed++;
            }
        }
        return removed;
    }

    /** The message's properties become the drive's headers, and its body a spooled file, deleted when the exchange ends. */
    public void receive(Exchange exchange) throws Exception {
        IncomingMessage message = exchange.getMessage().getMandatoryBody(IncomingMessage.class);
        String id = message.id();
        String taskId = message.text(AvatarDriveConstants.TASK_ID, defaultTaskId);
        String name = ClipNames.safe(message.text(AvatarDriveConstants.CLIP_NAME, id));
        exchange.getMessage().setHeader(MESSAGE_ID, id);
        exchange.getMessage().setHeader(AvatarDriveConstants.TASK_ID, taskId);
        exchange.getMessage().setHeader(AvatarDriveConstants.CLIP_NAME, name);
        for (String property : new String[] {AvatarDriveConstants.SAMPLE_RATE, AvatarDriveConstants.BACKEND, AvatarDriveConstants.SPEAKER,
                AvatarDriveConstants.INTERRUPT, AvatarDriveConstants.CONTENT_TYPE}) {
            if (message.has(property)) {
                exchange.getMessage().setHeader(property, message.property(property));
            }
        }
        // words rather than audio: by the clip's name, or by the message's ContentType
        String contentType = message.text(AvatarDriveConstants.CONTENT_TYPE, null);
        Optional<TextKind> words = TextKind.ofName(name).or(() -> TextKind.ofMediaType(contentType));
        words.ifPresent(kind -> exchange.getMessage().setHeader(AvatarDriveConstants.FORMAT, kind.label()));
        Path spooled = spool(message, words.isPresent() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        exchange.setProperty(SPOOL, spooled);
        exchange.setProperty(RECEIVED, message);
        exchange.setProperty(AvatarDriveConstants.BEFORE_STOP, (DrivenHook) provisional -> driven.confirm(id,
                json(provisional)));
        exchange.setProperty(DELIVERIES, message.deliveries());
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                try {
                    Files.deleteIfExists(spooled);
                } catch (IOException ignored) {
                    // a leftover spool file is only disk space; the next start does not read it
                }
            }
        });
        exchange.getMessage().setBody(null);
    }

    /**
     * Streams the body to disk chunk by chunk, never holding it whole. A text body's characters are written in
     * {@code charset}: UTF-8 for words, one byte each for audio sent as text.
     */
    private Path spool(IncomingMessage message, Charset charset) throws IOException {
        Files.createDirectories(spool);
        Path file = Files.createTempFile(spool, "clip-", ".bin");
        try (OutputStream out = Files.newOutputStream(file)) {
            message.writeBody(out, charset, Long.MAX_VALUE);
        }
        return file;
    }

    /** Each attempt drives from the start of the clip, as a stream: the drive sniffs WAV or raw PCM from its bytes. */
    public void rewind(Exchange exchange) throws IOException {
        // an earlier attempt's failure is not this one's: the drive reads it to tell a failed stream from a clean one
        exchange.removeProperty(Exchange.EXCEPTION_CAUGHT);
        // a FileInputStream: whole audio, which a shutdown rolls back to the broker rather than cutting it for good
        exchange.getMessage().setBody(new FileInputStream(exchange.getProperty(SPOOL, Path.class).toFile()));
    }

    /** Whether a failed drive is the message's to dead-letter: not when a shutdown cut it, which rolls it back. */
    public boolean notStopping(Exchange exchange) {
        return !exchange.getContext().isStopping();
    }

    /** Whether to drive the message again: see {@link FailureClassifier#redeliver}. */
    public boolean shouldRetry(Exchange exchange) {
        return FailureClassifier.redeliver(exchange, maxRedeliveries);
    }

    /**
     * Whether a message that keeps failing for a reason other than its drive (the record or the results queue cannot
     * be reached, say) has been delivered more than drive.max-redeliveries times: then it is dead-lettered with that
     * reason rather than rolled back once more. A shutdown's rollback never counts.
     */
    public boolean exhausted(Exchange exchange) {
        return !exchange.getContext().isStopping()
               && exchange.getProperty(DELIVERIES, 1, Integer.class) > maxRedeliveries;
    }

    /** The dead letter: the original clip bytes, with the drive's stage, reason and vendor code as properties. */
    public void deadLetter(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String stage = QUEUE_STAGE;
        String reason = exchange.getMessage().getHeader(AvatarDriveConstants.CLIP_NAME, String.class) + ": not handled after "
                        + exchange.getProperty(DELIVERIES, 1, Integer.class) + " deliveries ("
                        + (cause == null ? "unknown failure" : cause.getMessage()) + ")";
        Long code = null;
        if (cause instanceof DriveFailedException failed) {
            stage = failed.report().stage().label();
            code = failed.report().code();
            reason = failed.report().reason();
        }
        toBroker(exchange);
        exchange.getMessage().setHeader(DEAD_STAGE, stage);
        exchange.getMessage().setHeader(DEAD_REASON, reason);
        if (code != null) {
            exchange.getMessage().setHeader(DEAD_CODE, code);
        }
        exchange.getMessage().setBody(exchange.getProperty(SPOOL, Path.class).toFile());
    }

    /**
     * The result message: the same JSON as the folder's report, with TaskId and DriveId as properties. It is kept with
     * the driven record first, so that if publishing it fails, the redelivered message publishes it again.
     */
    public void keepReport(Exchange exchange) throws IOException {
        DriveReport report = exchange.getMessage().getBody(DriveReport.class);
        String json = JSON.writeValueAsString(report);
        driven.keepReport(exchange.getMessage().getHeader(MESSAGE_ID, String.class), json);
        asResult(exchange);
        exchange.getMessage().setHeader("DriveId", report.driveId());
        exchange.getMessage().setBody(json);
    }

    private static String json(DriveReport report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A message driven before (here or by another instance): its kept report goes out again, if there is one. */
    public void keptReport(Exchange exchange) throws IOException {
        String id = exchange.getMessage().getHeader(MESSAGE_ID, String.class);
        Optional<String> kept = reportingOnce && driven.keptReport(PUBLISHED + id).isPresent() ? Optional.empty()
                : driven.keptReport(id);
        asResult(exchange);
        exchange.getMessage().setBody(kept.orElse(null));
        if (kept.isPresent()) {
            exchange.getMessage().setHeader("DriveId", JSON.readTree(kept.get()).path("driveId").asText());
            LOG.info("{} was driven before (DriveId {}); publishing its kept report, not speaking it again",
                    exchange.getMessage().getHeader(AvatarDriveConstants.CLIP_NAME), exchange.getMessage().getHeader("DriveId"));
        } else {
            LOG.info("{} was driven before; not speaking it again", exchange.getMessage().getHeader(AvatarDriveConstants.CLIP_NAME));
        }
    }

    /** Camel's headers and the drive's own stay here; the clip's properties go with it to the broker. */
    private static void toBroker(Exchange exchange) {
        exchange.getMessage().removeHeaders("Camel*");
        exchange.getMessage().removeHeader(AvatarDriveConstants.FORMAT);
    }

    /** A result is a JSON report, whatever the clip was: the clip's content type does not go with it. */
    private static void asResult(Exchange exchange) {
        toBroker(exchange);
        exchange.getMessage().removeHeader(AvatarDriveConstants.CONTENT_TYPE);
    }
}
