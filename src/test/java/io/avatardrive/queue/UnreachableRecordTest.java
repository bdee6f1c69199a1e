package io.avatardrive.queue;

import java.util.List;
import java.util.Map;

import io.avatardrive.ingress.MessageSteps;
import io.avatardrive.support.QueueTestSupport;
import io.avatardrive.support.TestClips;
import jakarta.jms.Message;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A message that keeps failing for a reason that is not its audio (here the shared driven record cannot be reached)
 * ends in the dead-letter queue with its stage and reason after drive.max-redeliveries, and is never spoken unrecorded.
 */
class UnreachableRecordTest extends QueueTestSupport {

    @Override
    protected Map<String, String> properties() {
        Map<String, String> p = super.properties();
        p.put("drive.idempotency.jdbc-url", "jdbc:postgresql://127.0.0.1:" + AvailablePortFinder.getNextAvailable()
                                            + "/nowhere");
        p.put("drive.max-redeliveries", "2");
        return p;
    }

    @Test
    void aMessageThatCannotBeCheckedAgainstTheRecordIsDeadLetteredWithStageAndReasonAfterItsRedeliveries() throws Exception {
        publish(TestClips.wav16(16000, TestClips.pcm16(16000, 0.2)), "unrecorded-task", null, "unrecorded.wav");
        List<Message> dead = receive(brokerSettings.deadLetterQueue(), 1, 30_000);
        assertEquals(1, dead.size(), "nothing was dead-lettered");
        assertEquals("queue", dead.get(0).getStringProperty(MessageSteps.DEAD_STAGE));
        String reason = dead.get(0).getStringProperty(MessageSteps.DEAD_REASON);
        assertTrue(reason.startsWith("unrecorded.wav: not handled after 3 deliveries")
                   && reason.contains("shared record of driven messages cannot be read"), reason);
        assertTrue(standIn.drives().stream().noneMatch(d -> d.taskId().equals("unrecorded-task")),
                "a message was spoken that could not be recorded");
    }
}
