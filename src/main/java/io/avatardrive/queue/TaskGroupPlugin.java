package io.avatardrive.queue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerPlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.apache.activemq.artemis.protocol.amqp.broker.AMQPMessage;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every message of one TaskId into one message group (a later piece of a live utterance, which names only its
 * UtteranceId, into the group of the TaskId its piece 0 named), so the broker gives a task's clips to one consumer at a
 * time, in publish order, across all consumers and application instances, whatever the publisher sets: CORE, STOMP and
 * AMQP alike. A group the publisher chose itself is kept.
 * <p>
 * An AMQP message keeps its group in its properties section, which Artemis decodes afresh on every public read and has
 * no setter for ({@code setGroupID} does nothing there); the plugin writes the section it holds and has the message
 * re-encoded, so the group also survives a broker restart.
 * <p>
 * On an external Artemis broker, install it with {@code <broker-plugin class-name="io.avatardrive.queue.TaskGroupPlugin">}
 * and, if the clip queue is not {@code avatar.drive}, {@code <property key="address" value="..."/>}.
 */
public class TaskGroupPlugin implements ActiveMQServerPlugin {

    /** The broker-plugin property that names the clip queue's address. */
    public static final String ADDRESS = "address";
    static final String DEFAULT_ADDRESS = "avatar.drive";

    private static final int REMEMBERED_UTTERANCES = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(TaskGroupPlugin.class);
    private static final VarHandle AMQP_PROPERTIES = amqpProperties();

    private String address;
    /** The TaskId of each recent utterance, from its piece 0: a bounded memory, as utterances are short-lived. */
    private final Map<String, String> utteranceTasks = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_UTTERANCES;
        }
    });

    /** For {@code <broker-plugin>}: the address comes from {@link #init(Map)}. */
    public TaskGroupPlugin() {
        this(DEFAULT_ADDRESS);
    }

    public TaskGroupPlugin(String address) {
        this.address = address;
    }

    @Override
    public void init(Map<String, String> properties) {
        address = properties.getOrDefault(ADDRESS, DEFAULT_ADDRESS);
    }

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct,
                           boolean noAutoCreateQueue) throws ActiveMQException {
        if (message.getGroupID() != null || !address.equals(String.valueOf(message.getAddress()))) {
            return;
        }
        String group = group(message);
        if (message instanceof AMQPMessage amqp) {
            groupAmqp(amqp, group);
        } else {
            message.setGroupID(group);
        }
    }

    /**
     * The message's TaskId; for a later piece of a live utterance, which names only its UtteranceId, the TaskId its
     * piece 0 named, so that an utterance's pieces stay in order with each other and with the task's other messages.
     */
    private String group(Message message) {
        Object taskId = message.getObjectProperty("TaskId");
        Object utterance = message.getObjectProperty("UtteranceId");
        if (utterance == null) {
            return taskId == null ? "" : taskId.toString();
        }
        String key = utterance.toString();
        if (taskId != null) {
            utteranceTasks.put(key, taskId.toString());
            return taskId.toString();
        }
        String remembered = utteranceTasks.get(key);
        return remembered != null ? remembered : key;
    }

    private static void groupAmqp(AMQPMessage message, String group) {
        if (AMQP_PROPERTIES == null) {
            return;
        }
        message.getGroupID(); // decodes the sections the message holds
        Properties properties = (Properties) AMQP_PROPERTIES.get(message);
        if (properties == null) {
            properties = new Properties();
            AMQP_PROPERTIES.set(message, properties);
        }
        properties.setGroupId(group);
        message.messageChanged();
        message.reencode();
    }

    private static VarHandle amqpProperties() {
        try {
            return MethodHandles.privateLookupIn(AMQPMessage.class, MethodHandles.lookup())
                    .findVarHandle(AMQPMessage.class, "properties", Properties.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("This Artemis version hides the AMQP properties section ({}): AMQP publishers must set group-id to"
                     + " TaskId themselves", e.toString());
            return null;
        }
    }
}
