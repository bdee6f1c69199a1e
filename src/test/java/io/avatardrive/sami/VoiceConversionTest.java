package io.avatardrive.sami;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.standin.SamiStandInTask;
import io.avatardrive.standin.StandInDrive;
import io.avatardrive.standin.VolcStandInSession;
import io.avatardrive.support.TestClips;
import io.avatardrive.support.VendorDriveTestSupport;
import io.avatardrive.support.VendorStandIns;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VoiceConversionTest extends VendorDriveTestSupport {

    private static final int INPUT_CHUNK_MS = 100;

    @Override
    protected Map<String, String> properties() {
        Map<String, String> p = super.properties();
        p.put("drive.max-redeliveries", "1");
        return p;
    }

    private static SamiStandInTask lastTask() throws InterruptedException {
        assertTrue(sami.awaitEnded(sami.tasks().size(), 5000), "the SAMI task ended");
        List<SamiStandInTask> tasks = sami.tasks();
        return tasks.get(tasks.size() - 1);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aConvertedClipDrivesZegoAt24kWithNoUnderrunsAndStartsBeforeConversionEnds() throws Exception {
        folderSettings("voiced", "voice.speaker = " + VendorStandIns.SPEAKER + "\n");
        byte[] pcm = TestClips.pcm16(16000, 3.0);
        drop("voiced/a.wav", TestClips.wav16(16000, pcm));

        JsonNode report = awaitDone("voiced/a.wav");
        StandInDrive avatar = heardCompleted(report.get("driveId").asText());
        SamiStandInTask conversion = lastTask();
        assertEquals(VendorStandIns.SPEAKER, report.get("speaker").asText());
        assertTrue(report.get("conversion").asText().contains("by SAMI"), report.toString());

        assertEquals(List.of(), conversion.violations());
        assertEquals(VendorStandIns.SPEAKER, conversion.speaker());
        assertEquals(16000, conversion.inputSampleRate());
        assertEquals(96000, conversion.inputBytes());
        assertEquals(TestClips.sha256(pcm), conversion.inputSha256(), "SAMI got the clip byte for byte");
        assertEquals(List.of("StartTask", "FinishTask"),
                conversion.requests().stream().map(r -> json(r).get("event").asText()).toList());
        assertTrue(conversion.inputMaxLeadMs() <= VendorStandIns.SAMI_LEAD_MS + INPUT_CHUNK_MS + 50,
                "input paced at real time after sami.lead-ms: " + conversion.inputMaxLeadMs() + " ms ahead");

        assertEquals(24000, avatar.sampleRate());
        assertEquals(List.of("Start", "audio", "Stop"), avatar.frames());
        assertEquals(List.of(), avatar.violations());
        assertEquals(conversion.outputBytes(), avatar.bytes(), "every converted byte was driven");
        assertEquals(3000, avatar.playback().audioMs(), 5);
        assertEquals(0, avatar.playback().underruns());
        assertTrue(avatar.playback().firstAudioAtNanos() < conversion.finishedAtNanos(),
                "the avatar got its first audio before the input was all converted");
    }

    @Test
    void anUnknownSpeakerEndsInErrorWithSamisStatus() throws Exception {
        folderSettings("nobody", "voice.speaker = zh_nobody_stream\n");
        drop("nobody/a.wav", TestClips.wav16(16000, TestClips.pcm16(16000, 1.0)));

        JsonNode failure = awaitError("nobody/a.wav");
        assertEquals("voice", failure.get("stage").asText());
        assertEquals("sami", failure.get("vendor").asText());
        assertEquals(40000022L, failure.get("code").asLong());
        assertEquals("IllegalPayload:InvalidSpeaker", failure.get("vendorMessage").asText());
        assertEquals(0, standIn.drives().stream().filter(d -> d.taskId().equals("nobody")).count(),
                "no avatar drive for a clip that could not be converted");
    }

    @Test
    void audioReturnedAsBase64TextFramesDrivesAVolcengineAvatarAt16k() throws Exception {
        sami.answerInText(true);
        try {
            folderSettings("voiced-volc", "drive.backend = volc-tta\nvoice.speaker = zh_male_rap_stream\n");
            byte[] pcm = TestClips.pcm16(16000, 2.0);
            drop("voiced-volc/a.wav", TestClips.wav16(16000, pcm));

            JsonNode report = awaitDone("voiced-volc/a.wav");
            assertEquals("volc-tta", report.get("backend").asText());
            assertEquals(16000, report.get("sampleRate").asInt());
            assertTrue(volc.awaitClosed(volc.sessions().size(), 5000));
            VolcStandInSession heard = volc.sessions().get(volc.sessions().size() - 1);
            assertEquals(List.of(), heard.violations());
            assertEquals(2000, heard.playback().audioMs(), 10);
            assertEquals(0, heard.playback().underruns());
        } finally {
            sami.answerInText(false);
        }
    }

    @Test
    void aConversionFailingMidStreamStillStopsTheAvatarAndReportsSamisStatus() throws Exception {
        sami.failAfterInputBytes(32000);
        try {
            folderSettings("broken", "voice.speaker = " + VendorStandIns.SPEAKER + "\n");
            drop("broken/a.wav", TestClips.wav16(16000, TestClips.pcm16(16000, 3.0)));

            JsonNode failure = awaitError("broken/a.wav");
            assertEquals("voice", failure.get("stage").asText());
            assertEquals(55000000L, failure.get("code").asLong());
            List<StandInDrive> drives = standIn.drives().stream().filter(d -> d.taskId().equals("broken")).toList();
            assertEquals(2, drives.size(), "a server error is tried once more (drive.max-redeliveries=1)");
            for (StandInDrive d : drives) {
                assertEquals(List.of("Start", "audio", "Stop"), heardCompleted(d.driveId()).frames());
                assertEquals(List.of(), d.violations());
            }
        } finally {
            sami.failAfterInputBytes(-1);
        }
    }
}
