package io.avatardrive.live;

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
import io.avatardrive.queue.MessageProperties;
import io.avatardrive.queue.QueueInterrupts;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Utterances published on the drive queue piece by piece, as a streaming TTS produces them: a message with
 * {@value #UTTERANCE_ID} is one piece, {@value #SEQ} 0, 1, 2, ... in order, {@value #LAST} true on the final one.
 * Piece 0 starts the drive; later pieces are streamed into it as they come; a piece is taken (committed) as soon as it
 * is handed over, so a task's consumer is never held for the length of an utterance and its next pieces never wait
 * behind it. The report goes to the results queue after Stop. A bad piece is refused to the dead-letter queue with
 * its reason; an utterance whose pieces stop or skip is cut.
 */
public final class QueuePieces {

    public static final String UTTERANCE_ID = "UtteranceId";
    public static final String SEQ = "Seq";
    public static final String LAST = "Last";
    /** Set on a refused piece: why, for the dead-letter queue's DriveReason. */
    public static final String REFUSED = "avatarDriveRefused";
    /** The dead-letter stage of a refused piece. */
    public static final String STAGE = "utterance";

    private static final Logger LOG = LoggerFactory.getLogger(QueuePieces.class);
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
    private final QueueInterrupts interrupts;
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
    public QueuePieces(LiveDrives drives, QueueInterrupts interrupts, long gapMs, String defaultTaskId,
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
    public boolean isPiece(Exchange exchange) throws JMSException {
        Message message = exchange.getMessage().getBody(Message.class);
        return message != null && message.propertyExists(UTTERANCE_ID);
    }

    /** Hands the piece to its utterance; a piece that cannot be is marked {@value #REFUSED} with the reason. */
    public void piece(Exchange exchange) throws Exception {
        Message message = exchange.getMessage().getMandatoryBody(Message.class);
        String id = ClipNames.safe(String.valueOf(message.getObjectProperty(UTTERANCE_ID)));
        String taskId = MessageProperties.text(message, AvatarDriveConstants.TASK_ID, defaultTaskId);
        byte[] audio = body(message);
        exchange.getMessage().setBody(audio);
        exchange.getMessage().setHeader(UTTERANCE_ID, id);
        exchange.getMessage().setHeader(AvatarDriveConstants.TASK_ID, taskId);
        Integer seq = MessageProperties.integer(message, SEQ);
        boolean last = Boolean.parseBoolean(MessageProperties.text(message, LAST, "false"));
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

    private void start(Exchange exchange, Message message, String id, String taskId, byte[] audio, boolean last)
            throws JMSException {
        if (speaking.containsKey(id) || finished.contains(id)) {
            refuse(exchange, "utterance " + id + ": piece 0 came again; an UtteranceId is spoken once");
            return;
        }
        String name = ClipNames.safe(MessageProperties.text(message, AvatarDriveConstants.CLIP_NAME, id));
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
        LiveRequest request = new LiveRequest(taskId, name, MessageProperties.integer(message, AvatarDriveConstants.SAMPLE_RATE), false,
                MessageProperties.text(message, AvatarDriveConstants.BACKEND, null), MessageProperties.text(message, AvatarDriveConstants.SPEAKER, null), false);
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
    private static byte[] body(Message message) throws JMSException {
        if (message instanceof BytesMessage bytes) {
            if (bytes.getBodyLength() > MAX_PIECE_BYTES) {
                return null;
            }
            byte[] audio = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(audio);
            return audio;
        }
        if (message instanceof TextMessage text && text.getText() != null) {
            byte[] audio = text.getText().getBytes(StandardCharsets.ISO_8859_1);
            return audio.length > MAX_PIECE_BYTES ? null : audio;
        }
        return new byte[0];
    }
}
