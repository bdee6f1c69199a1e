package io.avatardrive.sami;

import java.util.Base64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The text frames of SAMI's common WebSocket protocol for VoiceConversionStream. Requests carry the credentials on
 * every event and the task's parameters as a JSON string in {@code payload}; audio travels as binary frames both ways,
 * or, in a text response, as base64 {@code data}.
 */
public final class SamiFrames {

    public static final String NAMESPACE = "VoiceConversionStream";
    public static final String START_TASK = "StartTask";
    public static final String TASK_STARTED = "TaskStarted";
    public static final String FINISH_TASK = "FinishTask";
    public static final String TASK_FINISHED = "TaskFinished";
    public static final String TASK_FAILED = "TaskFailed";
    /** What the converter is asked to return; the avatar drive takes 24 kHz as it is. */
    public static final int OUTPUT_SAMPLE_RATE = 24000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SamiFrames() {
    }

    /** StartTask: the speaker to convert to, the input's audio_info, and s16le mono 24 kHz out. */
    public static String startTask(String token, String appKey, String speaker, int inputSampleRate) {
        ObjectNode payload = JSON.createObjectNode().put("speaker", speaker);
        payload.putObject("audio_info").put("format", "s16le").put("sample_rate", inputSampleRate).put("channel", 1);
        payload.putObject("audio_config").put("format", "s16le").put("sample_rate", OUTPUT_SAMPLE_RATE).put("channel", 1);
        return write(request(token, appKey, START_TASK).put("payload", write(payload)));
    }

    public static String finishTask(String token, String appKey) {
        return write(request(token, appKey, FINISH_TASK));
    }

    private static ObjectNode request(String token, String appKey, String event) {
        return JSON.createObjectNode().put("token", token).put("appkey", appKey).put("namespace", NAMESPACE)
                .put("event", event);
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A text response: its event and status, and the converted audio it carries, if any. */
    public record Response(String taskId, String event, long statusCode, String statusText, byte[] data) {

        public static Response parse(String text) {
            JsonNode json;
            try {
                json = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                return new Response("", "", -1, "a text frame that is not JSON", new byte[0]);
            }
            String data = json.path("data").asText("");
            return new Response(json.path("task_id").asText(""), json.path("event").asText(""),
                    json.path("status_code").asLong(-1), json.path("status_text").asText(""),
                    data.isEmpty() ? new byte[0] : Base64.getDecoder().decode(data));
        }

        /** Any status but 20000000 is a failure; 0 appears on data-only responses and is not. */
        public boolean failed() {
            return statusCode != SamiCodes.OK && statusCode != 0;
        }
    }
}
