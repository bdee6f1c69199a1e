package io.avatardrive.zego;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.standin.StandInDrive;
import io.avatardrive.standin.ZegoStandIn;
import io.avatardrive.support.TestClips;
import io.avatardrive.vendor.SocketClients;
import io.vertx.core.Vertx;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ZEGO drive session alone, no route around it: a signed DriveId from the stand-in, then Start, audio, Stop. */
class ZegoSessionTest {

    private static final String APP_ID = "31337";
    private static final String SECRET = "zegosession0secret0123456789abcd";

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() {
        vertx.close();
    }

    private static DriveTicket ticket(ZegoStandIn standIn, String taskId) throws Exception {
        ZegoSigner.SignedQuery query = new ZegoSigner().sign("DriveByWsStream", APP_ID, SECRET,
                Instant.now().getEpochSecond());
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(standIn.apiUrl() + "?" + query.toQueryString()))
                .POST(HttpRequest.BodyPublishers.ofString("{\"TaskId\":\"" + taskId + "\"}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readValue(answer.body(), DriveByWsStreamResponse.class).toTicket();
    }

    @Test
    void aSessionSendsStartItsAudioInOrderAndStopOnOneConnection() throws Exception {
        try (ZegoStandIn standIn = new ZegoStandIn(APP_ID, SECRET).start(AvailablePortFinder.getNextAvailable())) {
            DriveTicket ticket = ticket(standIn, "session-task");
            byte[] first = TestClips.pcm16(24000, 0.1);
            byte[] second = TestClips.pcm16(24000, 0.1);
            try (ZegoSession session = new ZegoSession(new SocketClients(vertx, 2000), ticket, 24000, true, 5000)) {
                session.open();
                session.audio(first, false).get();
                session.audio(second, true).get();
                session.end();
            }
            assertTrue(standIn.awaitCompleted(1, Duration.ofSeconds(5)), "the stand-in never saw Stop: " + standIn.drives());
            StandInDrive heard = standIn.completedDrives().get(0);
            assertEquals(ticket.driveId(), heard.driveId());
            assertEquals(24000, heard.sampleRate());
            assertEquals(first.length + second.length, heard.bytes());
            assertEquals(List.of(), heard.violations());
        }
    }
}
