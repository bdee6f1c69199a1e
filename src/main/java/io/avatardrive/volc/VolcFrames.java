package io.avatardrive.volc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The frames of Volcengine's TTA drive: every frame starts with an eight-character header such as {@code |CTL|00|}; a
 * control frame carries text after it (the session's JSON, or the words to say), an audio frame binary 16 kHz mono
 * s16le PCM.
 */
public final class VolcFrames {

    /**
     * Client to server: open the session (JSON follows), close it, say a text or SSML (text mode), stop saying it (text
     * mode only), stream audio, stream the last piece of audio (audio mode).
     */
    public static final String OPEN = "|CTL|00|";
    public static final String CLOSE = "|CTL|01|";
    public static final String CHAT = "|CTL|02|";
    public static final String INTERRUPT = "|CTL|03|";
    public static final String AUDIO = "|CTL|08|";
    public static final String LAST_AUDIO = "|CTL|09|";
    /** Server to client: a status message (code, message, type), an event (callback_info.type). */
    public static final String MESSAGE = "|MSG|00|";
    public static final String EVENT = "|DAT|02|";

    public static final int HEADER_BYTES = 8;
    /** The only audio the TTA drive takes. */
    public static final int SAMPLE_RATE = 16000;
    public static final String VOICE_START = "voice_start";
    public static final String VOICE_END = "voice_end";

    private static final ObjectMapper JSON = new ObjectMapper();

    private VolcFrames() {
    }

    /** The session's input_mode: streamed audio, or words the avatar's own voice says. */
    public enum InputMode {
        AUDIO, TEXT;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code |CTL|00|} and the session JSON: who speaks (uid, role), from what (input_mode), and the account's appid. */
    public static String open(String uid, String role, String appId, InputMode mode, ObjectNode extras) {
        ObjectNode session = JSON.createObjectNode().put("uid", uid).put("role", role).put("input_mode", mode.label())
                .put("appid", appId);
        if (extras != null) {
            session.setAll(extras);
        }
        try {
            return OPEN + JSON.writeValueAsString(session);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code |CTL|02|} and the words, plain or SSML, as written. */
    public static String chat(String text) {
        return CHAT + text;
    }

    /** The header, then the PCM, in one binary frame. */
    public static byte[] audio(byte[] pcm, boolean last) {
        byte[] frame = new byte[HEADER_BYTES + pcm.length];
        System.arraycopy((last ? LAST_AUDIO : AUDIO).getBytes(StandardCharsets.US_ASCII), 0, frame, 0, HEADER_BYTES);
        System.arraycopy(pcm, 0, frame, HEADER_BYTES, pcm.length);
        return frame;
    }

    /** A frame from the server, text or binary: its header, and its JSON body where the header says it has one. */
    public record ServerFrame(String header, JsonNode json, byte[] data) {

        public static ServerFrame parse(String text) {
            return parse(text.getBytes(StandardCharsets.UTF_8));
        }

        public static ServerFrame parse(byte[] frame) {
            if (frame.length < HEADER_BYTES) {
                return new ServerFrame(new String(frame, StandardCharsets.US_ASCII), null, new byte[0]);
            }
            String header = new String(frame, 0, HEADER_BYTES, StandardCharsets.US_ASCII);
            byte[] body = Arrays.copyOfRange(frame, HEADER_BYTES, frame.length);
            JsonNode json = null;
            if (MESSAGE.equals(header) || EVENT.equals(header)) {
                try {
                    json = JSON.readTree(body);
                } catch (java.io.IOException e) {
                    json = JSON.createObjectNode().put("message", new String(body, StandardCharsets.UTF_8));
                }
            }
            return new ServerFrame(header, json, body);
        }

        public boolean isMessage() {
            return MESSAGE.equals(header);
        }

        /** The callback type of an event frame ({@code voice_start}, {@code voice_end}, ...), or null. */
        public String eventType() {
            return EVENT.equals(header) && json != null ? json.path("callback_info").path("type").asText(null) : null;
        }

        public long code() {
            return json == null ? -1 : json.path("code").asLong(-1);
        }

        public String message() {
            return json == null ? "" : json.path("message").asText("");
        }
    }
}
