package io.avatardrive.volc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VolcFramesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void openFrameIsTheHeaderThenTheSessionJsonInAudioMode() throws Exception {
        ObjectNode extras = JSON.createObjectNode();
        extras.putObject("role_conf").put("voice_type", "BV009_DPE_ParaTaco");
        String frame = VolcFrames.open("u1", "LiuXuan", "app9", VolcFrames.InputMode.AUDIO, extras);

        assertTrue(frame.startsWith("|CTL|00|{"));
        assertEquals(JSON.readTree("{\"uid\":\"u1\",\"role\":\"LiuXuan\",\"input_mode\":\"audio\",\"appid\":\"app9\","
                                   + "\"role_conf\":{\"voice_type\":\"BV009_DPE_ParaTaco\"}}"),
                JSON.readTree(frame.substring(8)));
    }

    @Test
    void audioFramesAreTheEightHeaderBytesThenThePcm() {
        byte[] pcm = {1, 2, 3, 4};
        assertArrayEquals(new byte[] {'|', 'C', 'T', 'L', '|', '0', '8', '|', 1, 2, 3, 4}, VolcFrames.audio(pcm, false));
        assertArrayEquals(new byte[] {'|', 'C', 'T', 'L', '|', '0', '9', '|', 1, 2, 3, 4}, VolcFrames.audio(pcm, true));
        assertArrayEquals("|CTL|09|".getBytes(StandardCharsets.US_ASCII), VolcFrames.audio(new byte[0], true));
    }

    @Test
    void statusMessagesAndEventsAreReadFromTextOrBinaryFrames() {
        VolcFrames.ServerFrame refused = VolcFrames.ServerFrame.parse("|MSG|00|{\"code\":1001,\"message\":\"bad role\",\"type\":0}");
        assertTrue(refused.isMessage());
        assertEquals(1001, refused.code());
        assertEquals("bad role", refused.message());
        assertNull(refused.eventType());

        byte[] event = "|DAT|02|{\"callback_info\":{\"type\":\"voice_end\",\"data\":{}}}".getBytes(StandardCharsets.UTF_8);
        assertEquals("voice_end", VolcFrames.ServerFrame.parse(event).eventType());

        byte[] audio = Arrays.copyOf("|DAT|00|".getBytes(StandardCharsets.US_ASCII), 12);
        VolcFrames.ServerFrame data = VolcFrames.ServerFrame.parse(audio);
        assertEquals("|DAT|00|", data.header());
        assertEquals(4, data.data().length);
        assertNull(data.json());
    }

    @Test
    void onlyBusyIsWorthAnotherTry() {
        assertTrue(VolcCodes.isTransient(1002));
        for (long code : new long[] {1001, 1003, 1004, 1010, 4242}) {
            assertEquals(false, VolcCodes.isTransient(code), "code " + code);
        }
    }
}
