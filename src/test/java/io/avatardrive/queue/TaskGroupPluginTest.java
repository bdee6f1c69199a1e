package io.avatardrive.queue;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.message.impl.CoreMessage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TaskGroupPluginTest {

    private final TaskGroupPlugin plugin = new TaskGroupPlugin("avatar.drive");
    private long ids;

    private CoreMessage published(String... properties) throws Exception {
        CoreMessage message = new CoreMessage(++ids, 256);
        message.setAddress("avatar.drive");
        for (int i = 0; i < properties.length; i += 2) {
            message.putStringProperty(properties[i], properties[i + 1]);
        }
        plugin.beforeSend(null, null, message, false, false);
        return message;
    }

    @Test
    void aClipJoinsTheGroupOfItsTask() throws Exception {
        assertEquals(SimpleString.of("task-a"), published("TaskId", "task-a").getGroupID());
    }

    @Test
    void laterPiecesOfAnUtteranceThatNameOnlyTheUtteranceJoinTheGroupOfTheTaskItsPiece0Named() throws Exception {
        published("TaskId", "task-a", "UtteranceId", "u-1", "Seq", "0");
        // otherwise they would be a group of their own, taken by another consumer, and could overtake piece 0
        assertEquals(SimpleString.of("task-a"), published("UtteranceId", "u-1", "Seq", "1").getGroupID());
        assertEquals(SimpleString.of("task-a"), published("UtteranceId", "u-1", "Seq", "2").getGroupID());
    }

    @Test
    void piecesOfAnUtteranceWhosePiece0ThisBrokerNeverSawStayTogetherByTheirUtterance() throws Exception {
        assertEquals(SimpleString.of("u-unknown"), published("UtteranceId", "u-unknown", "Seq", "3").getGroupID());
    }

    @Test
    void aGroupThePublisherSetIsKept() throws Exception {
        CoreMessage message = new CoreMessage(++ids, 256);
        message.setAddress("avatar.drive");
        message.putStringProperty("TaskId", "task-a");
        message.setGroupID("publisher-group");
        plugin.beforeSend(null, null, message, false, false);
        assertEquals(SimpleString.of("publisher-group"), message.getGroupID());
    }
}
