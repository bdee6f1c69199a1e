package io.avatardrive.queue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.ingress.DrivenRecord;
import io.avatardrive.support.QueueTestSupport;
import io.avatardrive.support.TestClips;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A report whose first publish was lost with a rolled-back commit goes out when its message comes back. */
class KeptReportTest extends QueueTestSupport {

    @Test
    void aMessageDrivenBeforeWhoseReportWasNeverPublishedPublishesItsKeptReportAndIsNotSpokenAgain() throws Exception {
        DrivenRecord record = context.getRegistry().lookupByNameAndType("drivenMessages", DrivenRecord.class);
        try (Connection connection = clientFactory().createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(brokerSettings.queue()));
            BytesMessage clip = session.createBytesMessage();
            clip.writeBytes(TestClips.wav16(16000, TestClips.pcm16(16000, 0.3)));
            clip.setStringProperty("TaskId", "kept-task");
            clip.setStringProperty("ClipName", "kept.wav");
            producer.send(clip);
            // as an instance that drove it leaves it: recorded before Stop, report kept, then killed before its commit
            String id = clip.getJMSMessageID();
            record.confirm(id);
            record.keepReport(id, "{\"file\":\"kept.wav\",\"taskId\":\"kept-task\",\"driveId\":\"drive-before-the-crash\"}");
            session.commit();
        }
        List<JsonNode> reports = receiveReports(1, 15_000);
        assertEquals(1, reports.size(), "the kept report was not published");
        assertEquals("drive-before-the-crash", reports.get(0).get("driveId").asText());
        assertTrue(standIn.drives().stream().noneMatch(d -> d.taskId().equals("kept-task")), "it was spoken again");
    }
}
