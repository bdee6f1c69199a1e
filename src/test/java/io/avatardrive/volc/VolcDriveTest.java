package io.avatardrive.volc;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.standin.VolcStandInSession;
import io.avatardrive.support.TestClips;
import io.avatardrive.support.VendorDriveTestSupport;
import io.avatardrive.support.VendorStandIns;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VolcDriveTest extends VendorDriveTestSupport {

    private static final String ROLE_CONF = "{\"voice_type\":\"BV009_DPE_ParaTaco\",\"role_width\":400}";
    private static final String RTC = "{\"app_id\":\"rtc-app\",\"room\":\"r1\",\"uid\":\"avatar\",\"token\":\"t\"}";

    @Override
    protected Map<String, String> properties() {
        Map<String, String> p = super.properties();
        p.put("volc.role-conf", ROLE_CONF);
        p.put("volc.rtc", RTC);
        return p;
    }

    private VolcStandInSession session(JsonNode report) throws InterruptedException {
        assertTrue(volc.awaitClosed(volc.sessions().size(), 5000), "the TTA session closed");
        return volc.sessions().stream().filter(s -> s.sha256() != null && s.bytes() == report.get("bytes").asLong())
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("the Volcengine stand-in heard no such clip"));
    }

    @Test
    void aFolderSetToVolcTtaIsSpokenByteExactInWholeSecondPiecesEndingWithCtl09() throws Exception {
        folderSettings("volc-task", "drive.backend = volc-tta\n");
        byte[] pcm = TestClips.pcm16(16000, 2.5);
        drop("volc-task/hello.wav", TestClips.wav16(16000, pcm));

        JsonNode report = awaitDone("volc-task/hello.wav");
        VolcStandInSession heard = session(report);
        assertEquals("volc-tta", report.get("backend").asText());
        assertTrue(report.get("driveId").asText().startsWith("volc-"));
        assertTrue(heard.frames().get(0).startsWith("|CTL|00| "), heard.frames().toString());
        assertEquals(List.of("|CTL|08| 32000 B", "|CTL|09| 48000 B", "|CTL|01|"),
                heard.frames().subList(1, heard.frames().size()));
        assertEquals(List.of(), heard.violations());
        assertTrue(heard.closedCleanly());
        assertEquals(TestClips.sha256(pcm), heard.sha256());
        assertEquals("avatar-drive", heard.session().get("uid").asText());
        assertEquals(VendorStandIns.VOLC_ROLE, heard.session().get("role").asText());
        assertEquals("audio", heard.session().get("input_mode").asText());
        assertEquals(VendorStandIns.VOLC_APP_ID, heard.session().get("appid").asText());
        assertEquals(JSON.readTree(ROLE_CONF), heard.session().get("role_conf"));
        assertEquals(JSON.readTree(RTC), heard.session().get("rtc"));
        assertFalse(heard.session().has("video"));
        assertEquals(0, heard.playback().underruns());
        assertTrue(heard.voiceEndAtNanos() > 0 && heard.voiceEndAtNanos() <= heard.closedAtNanos(),
                "|CTL|01| came after voice_end");
        assertEquals(0, standIn.drives().stream().filter(d -> d.taskId().equals("volc-task")).count(),
                "no ZEGO drive for a volc-tta folder");
    }

    @Test
    void a24kClipIsResampledTo16kForVolcengine() throws Exception {
        folderSettings("volc-24k", "drive.backend = volc-tta\n");
        drop("volc-24k/hi.24000.pcm", TestClips.pcm16(24000, 1.2));

        JsonNode report = awaitDone("volc-24k/hi.24000.pcm");
        VolcStandInSession heard = session(report);
        assertEquals(16000, report.get("sampleRate").asInt());
        assertEquals(List.of(), heard.violations());
        assertEquals(1200, heard.playback().audioMs(), 20);
        assertTrue(report.get("conversion").asText().contains("24000 Hz -> 16000 Hz"), report.toString());
    }

    @Test
    void aRefusedSessionEndsInErrorWithTheVendorsCodeAndMessage() throws Exception {
        volc.failNextSessions(1001, 1);
        folderSettings("volc-bad", "drive.backend = volc-tta\n");
        drop("volc-bad/a.wav", TestClips.wav16(16000, TestClips.pcm16(16000, 1.0)));

        JsonNode failure = awaitError("volc-bad/a.wav");
        assertEquals("connect", failure.get("stage").asText());
        assertEquals("volc-tta", failure.get("vendor").asText());
        assertEquals(1001, failure.get("code").asLong());
        assertTrue(failure.get("reason").asText().contains("1001"), failure.toString());
        assertTrue(Files.exists(settings.error().resolve("volc-bad/a.wav")));
    }

    @Test
    void aBusyServerIsTriedAgainAndTheClipIsSpokenOnce() throws Exception {
        int injectedBefore = volc.injectedAnswers();
        volc.failNextSessions(1002, 1);
        folderSettings("volc-busy", "drive.backend = volc-tta\n");
        drop("volc-busy/a.wav", TestClips.wav16(16000, TestClips.pcm16(16000, 1.0)));

        JsonNode report = awaitDone("volc-busy/a.wav");
        assertEquals("volc-tta", report.get("backend").asText());
        assertEquals(1000, report.get("audioMs").asLong());
        assertFalse(Files.exists(settings.error().resolve("volc-busy/a.wav.error.json")));
        assertEquals(injectedBefore + 1, volc.injectedAnswers(), "the busy answer was given, the clip spoken after it");
    }
}
