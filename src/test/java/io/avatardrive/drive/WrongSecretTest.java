package io.avatardrive.drive;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.support.DriveTestSupport;
import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WrongSecretTest extends DriveTestSupport {

    private static final String WRONG_SECRET = "ffffffffeeeeeeeeddddddddcccccccc";

    @Override
    protected Map<String, String> properties() {
        Map<String, String> p = super.properties();
        p.put("zego.server-secret", WRONG_SECRET);
        return p;
    }

    @Test
    void wrongSecretIsASignatureErrorAndTheSecretIsInNoReport() throws Exception {
        drop("a.wav", TestClips.wav16(16000, TestClips.pcm16(16000, 0.2)));
        JsonNode error = awaitError("a.wav");
        assertEquals("api", error.get("stage").asText());
        assertEquals(100000005L, error.get("code").asLong());
        assertTrue(error.get("reason").asText().contains("zego.server-secret"), error.toString());
        assertFalse(error.toString().contains(WRONG_SECRET));
        assertTrue(standIn.completedDrives().isEmpty());
    }
}
