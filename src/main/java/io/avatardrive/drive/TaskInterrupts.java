package io.avatardrive.drive;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Barge-in, for every ingress alike: an interrupt for a task supersedes what of the task waits in its lane and cuts the
 * drive it has in flight; the interrupting clip, queued behind, then speaks once that drive has sent its Stop.
 */
public final class TaskInterrupts implements Processor {

    /** The name the registry holds the one instance under. */
    public static final String BEAN = "taskInterrupts";

    private static final Logger LOG = LoggerFactory.getLogger(TaskInterrupts.class);

    private final TaskLanes lanes;
    private final TaskDrives drives;

    public TaskInterrupts(TaskLanes lanes, TaskDrives drives) {
        this.lanes = lanes;
        this.drives = drives;
    }

    /** As a route step: interrupts the exchange's TaskId if its {@link AvatarDriveConstants#INTERRUPT} header is true. */
    @Override
    public void process(Exchange exchange) {
        if (exchange.getMessage().getHeader(AvatarDriveConstants.INTERRUPT, false, Boolean.class)) {
            interrupt(exchange.getMessage().getHeader(AvatarDriveConstants.TASK_ID, String.class),
                    exchange.getMessage().getHeader(AvatarDriveConstants.CLIP_NAME, "clip", String.class));
        }
    }

    /** Interrupts the task for {@code by} (the interrupting clip's name). */
    public void interrupt(String taskId, String by) {
        String reason = "interrupted by " + by;
        int superseded = lanes.supersede(taskId, "superseded by the interrupt " + by);
        int cut = drives.interrupt(taskId, reason);
        LOG.info("Interrupt {} on task {}: {} drive(s) cut, {} waiting clip(s) superseded", by, taskId, cut, superseded);
    }
}
