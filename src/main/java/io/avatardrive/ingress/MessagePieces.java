package io.avatardrive.ingress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.audio.LiveAudio;
import io.avatardrive.drive.AvatarDriveConstants;
import io.avatardrive.drive.ClipNames;
import io.avatardrive.drive.DriveOutcome;
import io.avatardrive.drive.DriveReport;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Utterances published on a message ingress (the queue, Kafka) piece by piece, as a streaming TTS produces them: a message with
 * {@value #UTTERANCE_ID} is one piece, {@value #SEQ} 0, 1, 2, ... in order, {@value #LAST} true on the final one.
 * Piece 0 starts the drive; later pieces are streamed into it as they come; a piece is taken (committed) as soon as it
 * is handed over, so a task's consumer is never held for the length of an utterance and its next pieces never wait
 * behind it. The report goes to the results queue after Stop. A bad piece is refused to the dead-letter queue with
 * its reason; an utterance whose pieces stop or skip is cut.
 */
public final class MessagePieces {

    public static final String UTTERANCE_ID = "UtteranceId";
    public static final String SEQ = "Seq";
    public static final String LAST = "Last";
    /** Set on a refused piece: why, for the dead-letter queue's DriveReason. */
    public static final String REFUSED = "avatarDriveRefused";
    /** The dead-letter stage of a refused piece. */
    public static final String STAGE = "utterance";

    private static final Logger LOG = LoggerFactory.getLogger(MessagePieces.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A piece is a fraction of a second of audio; anything this large is not one. */
    private static final int MAX_PIECE_BYTES = 4 * 1024 * 1024;
    private static final int REMEMBERED = 10_000;

    private static final class Utterance {
        final LiveAudio audio;
        int nextSeq = 1;

        Utterance(LiveAudio audio) {
            this.audio = audio;
        }
    }

    private final LiveDrives drives;
    private final MessageInterrupts interrupts;
    private final long gapMs;
    private final String defaultTaskId;
    private final ProducerTemplate results;
    private final String resultsUri;
    private final Map<String, Utterance> speaking = new ConcurrentHashMap<>();
    /** Utterances that ended, so a late piece is told "finished" rather than "unknown". */
    private final Set<String> finished = remembered();
    /** Utterances an interrupt overtook before they started: their later pieces are dropped without a word. */
    private final Set<String> superseded = remembered();

    /**
     * @param results    publishes each utterance's report, after its Stop, to {@code resultsUri}
     */
    public MessagePieces(LiveDrives drives, MessageInterrupts interrupts, long gapMs, String defaultTaskId,
                       ProducerTemplate results, String resultsUri) {
        this.drives = drives;
        this.interrupts = interrupts;
        this.gapMs = gapMs;
        this.defaultTaskId = defaultTaskId;
        this.results = results;
        this.resultsUri = resultsUri;
    }

    private static Set<String> remembered() {
        return Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED;
            }
        }));
    }

    /** Whether the message is a piece of an utterance rather than a whole clip. */
    public boolean isPiece(Exchange exchange) {
        IncomingMessage message = exchange.getMessage().getBody(IncomingMessage.class);
        return message != null && message.has(UTTERANCE_ID);
    }

    /** Hands the piece to its utterance; a piece that cannot be is marked {@value #REFUSED} with the reason. */
    public void piece(Exchange exchange) throws Exception {
        IncomingMessage message = exchange.getMessage().getMandatoryBody(IncomingMessage.class);
        String id = ClipNames.safe(String.valueOf(message.property(UTTERANCE_ID)));
        String taskId = message.text(AvatarDriveConstants.TASK_ID, defaultTaskId);
        byte[] audio = body(message);
        exchange.getMessage().setBody(audio);
        exchange.getMessage().setHeader(UTTERANCE_ID, id);
        exchange.getMessage().setHeader(AvatarDriveConstants.TASK_ID, taskId);
        Integer seq = message.integer(SEQ);
        boolean last = Boolean.parseBoolean(message.text(LAST, "false"));
        if (seq == null) {
            refuse(exchange, "utterance " + id + ": the piece has no whole-number Seq");
        } else if (audio == null) {
            refuse(exchange, "utterance " + id + ": piece " + seq + " is larger than " + MAX_PIECE_BYTES + " bytes");
        } else if (seq == 0) {
            start(exchange, message, id, taskId, audio, last);
        } else {
            next(exchange, id, seq, audio, last);
        }
    }

    private void start(Exchange exchange, IncomingMessage message, String id, String taskId, byte[] audio, boolean last) {
        if (speaking.containsKey(id) || finished.contains(id)) {
            refuse(exchange, "utterance " + id + ": piece 0 came again; an UtteranceId is spoken once");
            return;
        }
        String name = ClipNames.safe(message.text(AvatarDriveConstants.CLIP_NAME, id));
        exchange.getMessage().setHeader(AvatarDriveConstants.CLIP_NAME, name);
        // an Interrupt=true piece 0 cuts and supersedes there; one queued before an interrupt is superseded
        if (!interrupts.admitted(exchange, message)) {
            finished.add(id);
            superseded.add(id);
            publish(id, exchange.getMessage().getBody(DriveOutcome.class));
            return;
        }
        LiveAudio live = new LiveAudio(gapMs, LiveDrives.GAP_SETTING);
        live.append(audio);
        if (last) {
            live.end();
        } else {
            speaking.put(id, new Utterance(live));
        }
        LiveRequest request = new LiveRequest(taskId, name, message.integer(AvatarDriveConstants.SAMPLE_RATE), false,
                message.text(AvatarDriveConstants.BACKEND, null), message.text(AvatarDriveConstants.SPEAKER, null), false);
        drives.speak(request, live).whenComplete((report, failure) -> {
            speaking.remove(id);
            finished.add(id);
            if (report != null) {
                publish(id, report);
            } else {
                LOG.warn("Utterance {} on task {} ended without a report: {}", id, taskId, failure.getMessage());
            }
        });
    }

    private void next(Exchange exchange, String id, int seq, byte[] audio, boolean last) {
        Utterance utterance = speaking.get(id);
        if (utterance == null && superseded.contains(id)) {
            // the rest of an utterance an interrupt overtook: its report went out with piece 0
            return;
        }
        if (utterance == null) {
            refuse(exchange, "utterance " + id + ": piece " + seq + " is for an utterance that "
                             + (finished.contains(id) ? "has already ended" : "never started (no piece 0)"));
            return;
        }
        synchronized (utterance) {
            if (seq != utterance.nextSeq) {
                speaking.remove(id);
                utterance.audio.cut("piece " + utterance.nextSeq + " is missing (piece " + seq + " came instead)");
                refuse(exchange, "utterance " + id + ": piece " + seq + " came where piece " + utterance.nextSeq
                                 + " was due; the utterance is cut");
                return;
            }
            utterance.nextSeq++;
            utterance.audio.append(audio);
            if (last) {
                speaking.remove(id);
                utterance.audio.end();
            }
        }
    }

    /** A refused piece as a dead letter: its bytes, with DriveStage {@value #STAGE} and the reason. */
    public void deadLetter(Exchange exchange) {
        exchange.getMessage().removeHeaders("Camel*");
        exchange.getMessage().setHeader("DriveStage", STAGE);
        exchange.getMessage().setHeader("DriveReason", exchange.getProperty(REFUSED, String.class));
    }

    private void publish(String id, DriveOutcome report) {
        try {
            String json = JSON.writeValueAsString(report);
            String driveId = report instanceof DriveReport driven ? driven.driveId() : null;
            results.asyncSend(resultsUri, e -> {
                e.getMessage().setHeader(UTTERANCE_ID, id);
                e.getMessage().setHeader(AvatarDriveConstants.TASK_ID, report.taskId());
                if (driveId != null) {
                    e.getMessage().setHeader("DriveId", driveId);
                }
                e.getMessage().setBody(json);
            });
        } catch (JsonProcessingException e) {
            LOG.warn("Could not write the report of utterance {}: {}", id, e.getMessage());
        }
    }

    private static void refuse(Exchange exchange, String reason) {
        LOG.warn("Refused a piece: {}", reason);
        exchange.setProperty(REFUSED, reason);
    }

    /** The piece's bytes, or null if it is too large to be one. */
    private static byte[] body(IncomingMessage message) throws IOException {
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        return message.writeBody(audio, StandardCharsets.ISO_8859_1, MAX_PIECE_BYTES) < 0 ? null : audio.toByteArray();
    }
}
