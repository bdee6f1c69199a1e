package io.avatardrive.queue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.avatardrive.drive.AvatarDriveConstants;
import io.avatardrive.drive.DrivenHook;
import io.avatardrive.drive.DriveReport;
import io.avatardrive.drive.TaskInterrupts;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Barge-in on the queue. Message groups give a task's messages to the one consumer that is busy driving its current
 * clip, so an interrupt message would wait behind the drive it should cut. The broker therefore copies each interrupt
 * (a divert, filter {@value #FILTER}) to a multicast address every instance listens on: the copy cuts the task's drive
 * at once, and marks the task so that its messages the consumer takes before the interrupt itself, which were queued
 * before it, are reported superseded instead of spoken. Whichever of the copy and the original comes first acts; the
 * other is recognised by the original's broker id and does nothing more.
 */
public final class QueueInterrupts {

    /** The divert's filter: the Interrupt property, as a boolean (CORE, AMQP) or a string (STOMP). */
    public static final String FILTER = "Interrupt = TRUE OR Interrupt = 'true'";

    /** An interrupt whose original never reaches this instance (another instance owns the task) is forgotten then. */
    private static final long PENDING_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final String ORIGINAL_ID = "_AMQ_ORIG_MESSAGE_ID";
    private static final int REMEMBERED = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(QueueInterrupts.class);

    private record Pending(long messageId, long atNanos) {
    }

    private final TaskInterrupts interrupts;
    private final String defaultTaskId;
    /** Per task, the interrupt the copy announced and the consumer has not reached yet. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** Interrupts the consumer reached before their copy came. */
    private final Set<Long> handled = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    public QueueInterrupts(TaskInterrupts interrupts, String defaultTaskId) {
        this.interrupts = interrupts;
        this.defaultTaskId = defaultTaskId;
    }

    /** The copy of an interrupt, from the interrupts address: cut the task's drive now, unless the original did. */
    public void copied(Exchange exchange) throws Exception {
        Message copy = exchange.getMessage().getMandatoryBody(Message.class);
        long original = ((ActiveMQMessage) copy).getCoreMessage().getLongProperty(ORIGINAL_ID);
        if (handled.remove(original)) {
            return;
        }
        String taskId = MessageProperties.text(copy, AvatarDriveConstants.TASK_ID, defaultTaskId);
        pending.put(taskId, new Pending(original, System.nanoTime()));
        interrupts.interrupt(taskId, MessageProperties.text(copy, AvatarDriveConstants.CLIP_NAME, "an interrupt message"));
    }

    /**
     * A message the task's consumer takes, before it is driven. An interrupt (not yet announced by its copy) cuts and
     * supersedes here; a message the announced interrupt overtook gets its superseded report as the body. Returns
     * whether the message is to be driven. The message's ClipName header is expected set.
     */
    public boolean admitted(Exchange exchange, Message message) throws JMSException {
        String taskId = MessageProperties.text(message, AvatarDriveConstants.TASK_ID, defaultTaskId);
        String name = exchange.getMessage().getHeader(AvatarDriveConstants.CLIP_NAME, "clip", String.class);
        long id = message instanceof ActiveMQMessage artemis ? artemis.getCoreMessage().getMessageID() : -1;
        Pending announced = pending.get(taskId);
        if (announced != null && System.nanoTime() - announced.atNanos() > PENDING_NANOS) {
            pending.remove(taskId, announced);
            announced = null;
        }
        if (Boolean.parseBoolean(MessageProperties.text(message, AvatarDriveConstants.INTERRUPT, "false"))) {
            if (announced != null && announced.messageId() == id) {
                pending.remove(taskId, announced);
            } else {
                handled.add(id);
                interrupts.interrupt(taskId, name);
            }
            return true;
        }
        if (announced != null) {
            LOG.info("{} on task {} was queued before an interrupt: superseded, not spoken", name, taskId);
            exchange.getMessage().setBody(DriveReport.superseded(name, taskId, name + ": superseded by an interrupt"));
            return false;
        }
        return true;
    }

    /**
     * As a route step for whole clips: {@link #admitted} on the exchange's message. A superseded clip is recorded as
     * driven, so that a redelivery does not speak it after all, and keeps its report as the body.
     */
    public void admit(Exchange exchange) throws JMSException {
        if (!admitted(exchange, exchange.getProperty(QueueSteps.RECEIVED, Message.class))) {
            DrivenHook record = exchange.getProperty(AvatarDriveConstants.BEFORE_STOP, DrivenHook.class);
            if (record != null) {
                record.driven(exchange.getMessage().getBody(DriveReport.class));
            }
        }
    }
}
