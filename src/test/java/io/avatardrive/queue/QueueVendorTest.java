package io.avatardrive.queue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.standin.VolcStandInSession;
import io.avatardrive.support.QueueTestSupport;
import io.avatardrive.support.TestClips;
import io.avatardrive.support.VendorStandIns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueVendorTest extends QueueTestSupport {

    @RegisterExtension
    static final VendorStandIns vendors = new VendorStandIns();

    @Override
    protected Map<String, String> properties() {
        return vendors.addTo(super.properties());
    }

    @Test
    void backendAndSpeakerPropertiesOfAMessageChooseTheVendorsForThatClip() throws Exception {
        publishOverStomp(TestClips.wav16(16000, TestClips.pcm16(16000, 1.5)), Map.of("TaskId", "q-volc",
                "ClipName", "q.wav", "Backend", "volc-tta", "Speaker", VendorStandIns.SPEAKER));

        List<JsonNode> reports = receiveReports(1, 30_000);
        assertEquals(1, reports.size(), "no report on the results queue");
        JsonNode report = reports.get(0);
        assertEquals("volc-tta", report.get("backend").asText());
        assertEquals(VendorStandIns.SPEAKER, report.get("speaker").asText());
        assertTrue(vendors.sami.awaitEnded(1, 5000));
        assertEquals(VendorStandIns.SPEAKER, vendors.sami.tasks().get(0).speaker());
        assertTrue(vendors.volc.awaitClosed(1, 5000));
        VolcStandInSession heard = vendors.volc.sessions().get(0);
        assertEquals(List.of(), heard.violations());
        assertEquals(1500, heard.playback().audioMs(), 10);
        assertEquals(0, standIn.drives().size(), "nothing went to ZEGO");
    }

    @Test
    void anUnknownBackendIsDeadLetteredWithTheReason() throws Exception {
        publishOverStomp(TestClips.wav16(16000, TestClips.pcm16(16000, 0.5)), Map.of("TaskId", "q-bad",
                "ClipName", "b.wav", "Backend", "heygen"));

        List<jakarta.jms.Message> dead = receive(brokerSettings.deadLetterQueue(), 1, 30_000);
        assertEquals(1, dead.size());
        assertEquals("read", dead.get(0).getStringProperty("DriveStage"));
        assertTrue(dead.get(0).getStringProperty("DriveReason").contains("Backend 'heygen' is not one of volc-tta, zego"),
                dead.get(0).getStringProperty("DriveReason"));
    }
}
