package io.avatardrive.standin;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stand-in's drive sockets: a socket is let in only with a token its DriveByWsStream answer issued, once; it
 * records Start, the audio and Stop, notes a task with two drives open at once, and plays the faults a test injects.
 */
final class DriveSockets {

    private static final Logger LOG = LoggerFactory.getLogger(DriveSockets.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> violations;
    private final Map<String, StandInDrive> byToken = new ConcurrentHashMap<>();
    private final Map<String, StandInDrive> activeByTask = new ConcurrentHashMap<>();
    private final Set<ServerWebSocket> open = ConcurrentHashMap.newKeySet();
    private long dropAfterBytes = -1;
    private int dropsLeft;
    private int refusalsLeft;
    private int stallsLeft;

    DriveSockets(List<String> violations) {
        this.violations = violations;
    }

    /** The drive a DriveByWsStream answer issued, reachable with its token. */
    void expect(String token, StandInDrive drive) {
        byToken.put(token, drive);
    }

    int open() {
        return open.size();
    }

    synchronized void dropNextAfterBytes(long bytes, int drives) {
        dropAfterBytes = bytes;
        dropsLeft = drives;
    }

    synchronized void stallNext(int drives) {
        stallsLeft = drives;
    }

    synchronized void refuseNext(int times) {
        refusalsLeft = times;
    }

    private synchronized boolean stallThisDrive() {
        return stallsLeft > 0 && stallsLeft-- > 0;
    }

    private synchronized boolean refuseThisConnection() {
        return refusalsLeft > 0 && refusalsLeft-- > 0;
    }

    private synchronized long dropThisDriveAfter() {
        return dropsLeft > 0 && dropsLeft-- > 0 ? dropAfterBytes : -1;
    }

    void onSocket(ServerWebSocket ws) {
        List<String> tokens = new QueryStringDecoder(ws.uri()).parameters().get("Token");
        String token = tokens == null || tokens.isEmpty() ? null : tokens.get(0);
        StandInDrive drive = token == null ? null : byToken.get(token);
        if (!"/ws".equals(ws.path()) || drive == null) {
            ws.reject(401);
            return;
        }
        if (refuseThisConnection()) {
            ws.reject(503);
            return;
        }
        if (!drive.connect(System.nanoTime())) {
            ws.reject(409);
            return;
        }
        StandInDrive overlapping = activeByTask.putIfAbsent(drive.taskId(), drive);
        if (overlapping != null) {
            violations.add("task " + drive.taskId() + ": DriveId " + drive.driveId() + " connected while "
                           + overlapping.driveId() + " was still open");
        }
        open.add(ws);
        ws.textMessageHandler(text -> onText(drive, text));
        long dropAfter = dropThisDriveAfter();
        boolean stall = stallThisDrive();
        ws.binaryMessageHandler(pcm -> {
            drive.audio(System.nanoTime(), pcm.getByteBuf().nioBuffer());
            if (stall) {
                ws.pause(); // reads no more: the sender's buffers fill and its writes stop completing
            }
            if (dropAfter >= 0 && drive.bytes() >= dropAfter) {
                // as a vendor's server going away closes: with a code and a reason
                ws.close((short) 1011, "stand-in dropped the drive");
            }
        });
        ws.closeHandler(v -> {
            open.remove(ws);
            activeByTask.remove(drive.taskId(), drive);
            drive.close(System.nanoTime());
            LOG.info("Stand-in drive finished: {}", drive);
        });
    }

    private void onText(StandInDrive drive, String text) {
        try {
            JsonNode frame = JSON.readTree(text);
            String action = frame.path("Action").asText();
            JsonNode payload = frame.path("Payload");
            switch (action) {
                case "Start" -> drive.start(payload.path("DriveId").asText(null),
                        payload.has("SampleRate") ? payload.get("SampleRate").asInt() : null);
                case "Stop" -> drive.stop(System.nanoTime(), payload.path("DriveId").asText(null));
                default -> drive.violation("unknown Action " + action);
            }
        } catch (Exception e) {
            drive.violation("a text frame that is not JSON");
        }
    }
}
