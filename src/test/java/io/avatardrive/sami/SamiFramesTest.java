package io.avatardrive.sami;

import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamiFramesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void startTaskCarriesCredentialsAndThePayloadAsAJsonString() throws Exception {
        JsonNode start = JSON.readTree(SamiFrames.startTask("tok", "key", "zh_male_rap_stream", 16000));

        assertEquals("tok", start.get("token").asText());
        assertEquals("key", start.get("appkey").asText());
        assertEquals("VoiceConversionStream", start.get("namespace").asText());
        assertEquals("StartTask", start.get("event").asText());
        assertTrue(start.get("payload").isTextual(), "payload is a string, not an object");
        assertEquals(JSON.readTree("{\"speaker\":\"zh_male_rap_stream\","
                                   + "\"audio_info\":{\"format\":\"s16le\",\"sample_rate\":16000,\"channel\":1},"
                                   + "\"audio_config\":{\"format\":\"s16le\",\"sample_rate\":24000,\"channel\":1}}"),
                JSON.readTree(start.get("payload").asText()));
    }

    @Test
    void finishTaskHasNoPayload() throws Exception {
        JsonNode finish = JSON.readTree(SamiFrames.finishTask("tok", "key"));
        assertEquals("FinishTask", finish.get("event").asText());
        assertFalse(finish.has("payload"));
    }

    @Test
    void responsesYieldTheirStatusAndBase64Audio() {
        byte[] pcm = {9, 8, 7, 6};
        SamiFrames.Response audio = SamiFrames.Response.parse("{\"task_id\":\"t\",\"event\":\"TaskResponse\","
                + "\"status_code\":20000000,\"status_text\":\"OK\",\"data\":\"" + Base64.getEncoder().encodeToString(pcm) + "\"}");
        assertFalse(audio.failed());
        assertArrayEquals(pcm, audio.data());

        SamiFrames.Response refused = SamiFrames.Response.parse("{\"event\":\"TaskFailed\",\"status_code\":40000022,"
                + "\"status_text\":\"IllegalPayload:InvalidSpeaker\"}");
        assertTrue(refused.failed());
        assertEquals(40000022L, refused.statusCode());
        assertEquals("IllegalPayload:InvalidSpeaker", refused.statusText());
    }

    @Test
    void serverErrorsAreWorthAnotherTryClientErrorsAreNot() {
        assertTrue(SamiCodes.isTransient(55000000L));
        assertFalse(SamiCodes.isTransient(SamiCodes.ILLEGAL_PAYLOAD));
        assertFalse(SamiCodes.isTransient(40200002L));
    }
}
