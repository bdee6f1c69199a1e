package io.avatardrive.ingress;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.avatardrive.drive.AvatarDriveConstants;
import io.avatardrive.drive.DriveReport;
import io.avatardrive.drive.DrivenHook;
import io.avatardrive.drive.TaskInterrupts;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Barge-in on a message ingress. A message with {@code Interrupt=true} cuts its task's drive in flight and supersedes
 * what of that task waits. A broker that delivers a task's messages to the one consumer busy with its drive can also
 * hand an early copy of each interrupt to every instance ({@link #announced}): the copy cuts at once and marks the
 * task, so that its messages the consumer takes before the interrupt itself are reported superseded instead of spoken.
 * Whichever of the copy and the original comes first acts; the other is recognised by the broker's key.
 */
public final class MessageInterrupts {

    /** An interrupt whose original never reaches this instance (another instance owns the task) is forgotten then. */
    private static final long PENDING_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int REMEMBERED = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(MessageInterrupts.class);

    private record Pending(String key, long atNanos) {
    }

    private final TaskInterrupts interrupts;
    private final String defaultTaskId;
    /** Per task, the interrupt the copy announced and the consumer has not reached yet. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** Interrupts the consumer reached before their copy came. */
    private final Set<String> handled = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    public MessageInterrupts(TaskInterrupts interrupts, String defaultTaskId) {
        this.interrupts = interrupts;
        this.defaultTaskId = defaultTaskId;
    }

    /** The broker's early copy of the interrupt whose original has {@code originalKey}: cut now, unless it already did. */
    public void announced(IncomingMessage copy, String originalKey) {
        if (handled.remove(originalKey)) {
            return;
        }
        String taskId = copy.text(AvatarDriveConstants.TASK_ID, defaultTaskId);
        pending.put(taskId, new Pending(originalKey, System.nanoTime()));
        interrupts.interrupt(taskId, copy.text(AvatarDriveConstants.CLIP_NAME, "an interrupt message"));
    }

    /**
     * A message the task's consumer takes, before it is driven. An interrupt (not yet announced by its copy) cuts and
     * supersedes here; a message the announced interrupt overtook gets its superseded report as the body. Returns
     * whether the message is to be driven. The message's ClipName header is expected set.
     */
    public boolean admitted(Exchange exchange, IncomingMessage message) {
        String taskId = message.text(AvatarDriveConstants.TASK_ID, defaultTaskId);
        String name = exchange.getMessage().getHeader(AvatarDriveConstants.CLIP_NAME, "clip", String.class);
        String key = message.brokerKey();
        Pending announced = pending.get(taskId);
        if (announced != null && System.nanoTime() - announced.atNanos() > PENDING_NANOS) {
            pending.remove(taskId, announced);
            announced = null;
        }
        if (message.flag(AvatarDriveConstants.INTERRUPT)) {
            if (announced != null && announced.key().equals(key)) {
                pending.remove(taskId, announced);
            } else {
                handled.add(key);
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
    public void admit(Exchange exchange) {
        if (!admitted(exchange, exchange.getProperty(MessageSteps.RECEIVED, IncomingMessage.class))) {
            DrivenHook record = exchange.getProperty(AvatarDriveConstants.BEFORE_STOP, DrivenHook.class);
            if (record != null) {
                record.driven(exchange.getMessage().getBody(DriveReport.class));
            }
        }
    }
}
