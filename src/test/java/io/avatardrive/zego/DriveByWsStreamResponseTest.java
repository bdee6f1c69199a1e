package io.avatardrive.zego;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriveByWsStreamResponseTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void successfulAnswerBecomesATicket() throws Exception {
        DriveTicket ticket = json.readValue("""
                {"Code":0,"Message":"success","RequestId":"r1",
                 "Data":{"DriveId":"d-1","WssAddress":"wss://1.2.3.4:443/ws?Token=abc"}}""",
                DriveByWsStreamResponse.class).toTicket();
        assertEquals("d-1", ticket.driveId());
        assertEquals("wss://1.2.3.4:443/ws?Token=abc", ticket.wssAddress());
        assertEquals("wss://1.2.3.4:443/ws", ticket.safeAddress());
    }

    @Test
    void nonZeroCodeCarriesCodeVendorMessageAndExplanation() throws Exception {
        DriveByWsStreamResponse answer = json.readValue(
                "{\"Code\":400000005,\"Message\":\"task not exist\",\"RequestId\":\"r2\"}", DriveByWsStreamResponse.class);
        ZegoApiException e = assertThrows(ZegoApiException.class, answer::toTicket);
        assertEquals(400000005L, e.getCode());
        assertEquals("task not exist", e.getVendorMessage());
        assertTrue(e.getMessage().contains("TaskId was not found"), e.getMessage());
    }

    @Test
    void unknownCodeSaysItIsUnknown() {
        assertTrue(ZegoReturnCodes.explain(499999999L).startsWith("unknown return code"));
    }
}
