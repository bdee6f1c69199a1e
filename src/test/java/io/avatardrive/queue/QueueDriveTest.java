package io.avatardrive.queue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.standin.StandInDrive;
import io.avatardrive.support.QueueTestSupport;
import io.avatardrive.support.TestClips;
import io.avatardrive.zego.ZegoReturnCodes;
import jakarta.jms.BytesMessage;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueDriveTest extends QueueTestSupport {

    @Test
    void aLargeClipPublishedByJmsIsDrivenByteExactAndItsReportPublished() throws Exception {
        byte[] pcm = TestClips.pcm16(16000, 3.5); // 112 kB: above Artemis' 100 kB large-message threshold
        publish(TestClips.wav16(16000, pcm), "jms-task", null, "hello.wav");

        List<Message> results = receive(brokerSettings.resultsQueue(), 1, 30_000);
        assertEquals(1, results.size(), "no report on the results queue");
        JsonNode report = JSON.readTree(((TextMessage) results.get(0)).getText());
        assertEquals("hello.wav", report.get("file").asText());
        // a consumer in any language selects and correlates by the result's properties, not only its JSON
        assertEquals("jms-task", results.get(0).getStringProperty("TaskId"));
        assertEquals("hello.wav", results.get(0).getStringProperty("ClipName"));
        assertEquals(report.get("driveId").asText(), results.get(0).getStringProperty("DriveId"));
        assertEquals("jms-task", report.get("taskId").asText());
        StandInDrive heard = heardCompleted(report.get("driveId").asText());
        assertEquals(TestClips.sha256(pcm), heard.sha256());
        assertEquals(List.of("Start", "audio", "Stop"), heard.frames());
        assertEquals(List.of(), heard.violations());
    }

    @Test
    void rawPcmPublishedOverStompIsDrivenAtItsSampleRate() throws Exception {
        byte[] pcm = TestClips.pcm16(24000, 0.8);
        publishOverStomp(pcm, Map.of("TaskId", "stomp-task", "SampleRate", "24000", "ClipName", "from-stomp.pcm"));

        JsonNode report = receiveReports(1, 30_000).get(0);
        StandInDrive heard = heardCompleted(report.get("driveId").asText());
        assertEquals("stomp-task", heard.taskId());
        assertEquals(24000, heard.sampleRate());
        assertEquals(TestClips.sha256(pcm), heard.sha256());
    }

    @Test
    void aMessageThatIsNotAudioIsDeadLetteredWithTheReasonAndTheNextIsDriven() throws Exception {
        publish("this is not a clip".getBytes(), "bad-task", null, "notes.wav");
        publish(TestClips.wav16(16000, TestClips.pcm16(16000, 0.3)), "bad-task", null, "good.wav");

        List<Message> dead = receive(brokerSettings.deadLetterQueue(), 1, 30_000);
        assertEquals(1, dead.size(), "nothing on the DLQ");
        Message letter = dead.get(0);
        assertEquals("decode", letter.getStringProperty("DriveStage"));
        assertEquals("bad-task", letter.getStringProperty("TaskId"));
        assertEquals("notes.wav", letter.getStringProperty("ClipName"));
        assertTrue(letter.getStringProperty("DriveReason").startsWith("notes.wav: not a WAV"), letter.getStringProperty("DriveReason"));
        byte[] kept = new byte[(int) ((BytesMessage) letter).getBodyLength()];
        ((BytesMessage) letter).readBytes(kept);
        assertEquals("this is not a clip", new String(kept), "the input is kept on the DLQ");
        assertEquals("good.wav", receiveReports(1, 30_000).get(0).get("file").asText());
    }

    @Test
    void aTransientApiFailureIsRedeliveredAndThenDrivenOnce() throws Exception {
        standIn.failNextCalls(ZegoReturnCodes.SYSTEM_BUSY, 2);
        byte[] pcm = TestClips.pcm16(16000, 0.4);
        publish(TestClips.wav16(16000, pcm), "busy-task", null, "retry.wav");

        JsonNode report = receiveReports(1, 30_000).get(0);
        heardCompleted(report.get("driveId").asText());
        long completedForTask = standIn.completedDrives().stream().filter(d -> d.taskId().equals("busy-task")).count();
        assertEquals(1, completedForTask);
        assertEquals(2, standIn.answers().getOrDefault(ZegoReturnCodes.SYSTEM_BUSY, 0), "the two faults were injected");
        assertEquals(0, receive(brokerSettings.deadLetterQueue(), 1, 500).size());
    }

    @Test
    void fiveMessagesForOneTaskNeverOverlapAndKeepPublishOrder() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] pcm = TestClips.pcm16(16000, 0.3 + i * 0.01); // distinct lengths tell the clips apart
            expected.add(TestClips.sha256(pcm));
            publish(TestClips.wav16(16000, pcm), "ordered-task", null, "c" + i + ".wav");
        }
        assertEquals(5, receiveReports(5, 60_000).size());
        standIn.awaitCompleted(standIn.completedDrives().size(), java.time.Duration.ofSeconds(5));
        List<StandInDrive> drives = standIn.completedDrives().stream()
                .filter(d -> d.taskId().equals("ordered-task"))
                .sorted(Comparator.comparingLong(StandInDrive::connectedAtNanos)).collect(Collectors.toList());
        assertEquals(expected, drives.stream().map(StandInDrive::sha256).toList(), "driven out of publish order");
        for (int i = 1; i < drives.size(); i++) {
            assertTrue(drives.get(i).connectedAtNanos() >= drives.get(i - 1).closedAtNanos(), "drives overlapped");
        }
    }
}
