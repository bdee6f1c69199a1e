package io.avatardrive.drive;

import java.util.concurrent.ExecutorService;

import io.avatardrive.settings.DriveSettings;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * What every ingress of one application shares: the drive route template, the drives in flight, the task lanes every
 * ingress queues its drives in (so that one task never has two drives at once whichever way its clips come), the
 * interrupts that act on them and the console's board. Needs a {@link DriveSettings} bean.
 */
public class DriveConfiguration implements CamelConfiguration {

    /**
     * Drives being started at once, one per core: a start (read, ticket, connect, Start) is CPU work that competes
     * with the drives already streaming, so a storm of starts is spread out rather than let make them late.
     */
    static final int STARTER_THREADS = Runtime.getRuntime().availableProcessors();

    @BindToRegistry(TaskDrives.BEAN)
    public TaskDrives taskDrives() {
        return new TaskDrives();
    }

    @BindToRegistry(TaskLanes.BEAN)
    public TaskLanes taskLanes(CamelContext context, DriveSettings settings) {
        // threads for the start of a drive; streaming then holds none
        ExecutorService starters = context.getExecutorServiceManager().newFixedThreadPool(context, "avatar-drive",
                Math.max(2, Math.min(settings.maxConcurrent(), STARTER_THREADS)));
        return new TaskLanes(starters, settings.maxConcurrent());
    }

    @BindToRegistry(TaskInterrupts.BEAN)
    public TaskInterrupts taskInterrupts(TaskLanes lanes, TaskDrives drives) {
        return new TaskInterrupts(lanes, drives);
    }

    @BindToRegistry(DriveBoard.BEAN)
    public DriveBoard driveBoard(TaskDrives drives, TaskLanes lanes) {
        return new DriveBoard(drives, lanes);
    }

    /** The drive route template; routes/drive.yaml makes the instance the ingress routes send to. */
    @Override
    public void configure(CamelContext context) throws Exception {
        context.addRoutes(new AvatarDriveRoute());
    }
}
