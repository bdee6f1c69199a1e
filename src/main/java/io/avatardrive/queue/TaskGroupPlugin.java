package io.avatardrive.queue;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

/**
 * Puts every clip message of one TaskId into one JMS message group, so the broker gives a task's clips to one consumer
 * at a time, in publish order, across all consumers and application instances; publishers only set TaskId.
 * Install it on an external Artemis broker as a broker plugin, or have publishers set JMSXGroupID themselves.
 */
public class TaskGroupPlugin implements ActiveMQServerMessagePlugin {

    private final String address;

    public TaskGroupPlugin(String address) {
        this.address = address;
    }

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct,
                           boolean noAutoCreateQueue) throws ActiveMQException {
        if (message.getGroupID() == null && address.equals(String.valueOf(message.getAddress()))) {
            Object taskId = message.getObjectProperty("TaskId");
            // AMQP messages keep their own group-id field, so the core header only groups core and STOMP publishers
            message.setGroupID(taskId == null ? "" : taskId.toString());
        }
    }
}
