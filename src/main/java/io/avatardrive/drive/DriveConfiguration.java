package io.avatardrive.drive;

import java.util.concurrent.ExecutorService;

import io.avatardrive.settings.DriveSettings;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.PropertyInject;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;

/**
 * What every ingress of one application shares: the drive route template, the drives in flight, the task lanes every
 * ingress queues its drives in (so that one task never has two drives at once whichever way its clips come), the
 * interrupts that act on them and the console's board. Needs a {@link DriveSettings} bean. A bean made from another of
 * this class's is made once and shared, whatever order Camel binds them in.
 */
public class DriveConfiguration implements CamelConfiguration {

    /**
     * Drives being started at once, one per core: a start (read, ticket, connect, Start) is CPU work that competes
     * with the drives already streaming, so a storm of starts is spread out rather than let make them late.
     */
    /** The redelivery policy's name in the registry. */
    public static final String REDELIVERY = "driveRedelivery";

    static final int STARTER_THREADS = Runtime.getRuntime().availableProcessors();

    private TaskDrives drives;
    private TaskLanes lanes;

    @BindToRegistry(TaskDrives.BEAN)
    public synchronized TaskDrives taskDrives() {
        if (drives == null) {
            drives = new TaskDrives();
        }
        return drives;
    }

    @BindToRegistry(TaskLanes.BEAN)
    public synchronized TaskLanes taskLanes(CamelContext context, DriveSettings settings) {
        if (lanes == null) {
            // threads for the start of a drive; streaming then holds none
            ExecutorService starters = context.getExecutorServiceManager().newFixedThreadPool(context, "avatar-drive",
                    Math.max(2, Math.min(settings.maxConcurrent(), STARTER_THREADS)));
            lanes = new TaskLanes(starters, settings.maxConcurrent());
        }
        return lanes;
    }

    @BindToRegistry(TaskInterrupts.BEAN)
    public TaskInterrupts taskInterrupts(CamelContext context, DriveSettings settings) {
        return new TaskInterrupts(taskLanes(context, settings), taskDrives());
    }

    @BindToRegistry(DriveBoard.BEAN)
    public DriveBoard driveBoard(CamelContext context, DriveSettings settings) {
        return new DriveBoard(context, taskDrives(), taskLanes(context, settings));
    }

    /**
     * The one redelivery policy every ingress's retries use (routes/inbox.yaml and routes/queue.yaml refer to it): a
     * failed drive is tried again from its start after drive.retry-delay-ms, doubling up to 30 s, waiting on a timer
     * rather than a thread, except where the exchange is transacted (the queue's), which Camel redelivers in place.
     */
    @BindToRegistry(REDELIVERY)
    public RedeliveryPolicy driveRedelivery(@PropertyInject(value = "drive.retry-delay-ms", defaultValue = "1000") long delayMs) {
        return new RedeliveryPolicy().redeliveryDelay(delayMs).useExponentialBackOff().backOffMultiplier(2)
                .maximumRedeliveryDelay(30_000).asyncDelayedRedelivery().retryAttemptedLogLevel(LoggingLevel.WARN);
    }

    /** The drive route template; routes/drive.yaml makes the instance the ingress routes send to. */
    @Override
    public void configure(CamelContext context) throws Exception {
        context.addRoutes(new AvatarDriveRoute());
    }
}
