package io.avatardrive.ingress;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The record two instances share in a real PostgreSQL: a message one instance recorded as driven just before its Stop
 * (and then died) is known to the other as driven, with a report to publish: its outcome, the audio sent, and that Stop
 * was not confirmed.
 */
class SharedDrivenMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    private static SharedDrivenMessages instance() {
        return new SharedDrivenMessages(postgres.getJdbcUrl("postgres", "postgres"), "", "");
    }

    @Test
    void aMessageRecordedBeforeItsStopHasAReportForTheInstanceThatGetsItNext() throws Exception {
        SharedDrivenMessages dying = instance();
        SharedDrivenMessages next = instance();
        String id = "ID:record-before-stop";
        String provisional = "{\"outcome\":\"driven\",\"file\":\"a.wav\",\"taskId\":\"t\",\"bytes\":32000,"
                             + "\"reason\":\"all its audio went out, but the instance driving it stopped before Stop was"
                             + " confirmed and its report published\"}";
        assertTrue(dying.add(id));
        assertTrue(dying.confirm(id, provisional));
        // the instance dies here: no keepReport, no publish, no commit

        assertTrue(next.contains(id), "the redelivered message is known as driven");
        Optional<String> kept = next.keptReport(id);
        assertTrue(kept.isPresent(), "no report to publish for a message driven before a crash");
        JsonNode report = JSON.readTree(kept.get());
        assertEquals("driven", report.path("outcome").asText());
        assertEquals(32000, report.path("bytes").asLong());
        assertTrue(report.path("reason").asText().contains("before Stop was confirmed"), kept.get());
    }

    @Test
    void theDrivesOwnReportReplacesTheOneKeptBeforeStop() throws Exception {
        SharedDrivenMessages record = instance();
        String id = "ID:report-after-stop";
        record.add(id);
        record.confirm(id, "{\"outcome\":\"driven\",\"reason\":\"provisional\"}");
        record.keepReport(id, "{\"outcome\":\"driven\",\"driveId\":\"d-1\"}");
        assertEquals("d-1", JSON.readTree(instance().keptReport(id).orElseThrow()).path("driveId").asText());
    }
}
