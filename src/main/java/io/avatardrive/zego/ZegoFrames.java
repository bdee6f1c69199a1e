package io.avatardrive.zego;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON text frames of the ZEGO WebSocket drive: Start before any audio, Stop after the last byte. */
public final class ZegoFrames {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ZegoFrames() {
    }

    public static String start(String driveId, int sampleRate) {
        ObjectNode frame = JSON.createObjectNode().put("Action", "Start");
        frame.putObject("Payload").put("DriveId", driveId).put("SampleRate", sampleRate);
        return write(frame);
    }

    public static String stop(String driveId) {
        ObjectNode frame = JSON.createObjectNode().put("Action", "Stop");
        frame.putObject("Payload").put("DriveId", driveId);
        return write(frame);
    }

    private static String write(ObjectNode frame) {
        try {
            return JSON.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
