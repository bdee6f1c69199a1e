package io.avatardrive.inbox;

import io.avatardrive.drive.TaskLaneProcessor;
import io.avatardrive.drive.TaskLanes;
import io.avatardrive.settings.DriveSettings;
import io.avatardrive.settings.InboxSettings;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder ingress's wiring: the beans routes/inbox.yaml refers to, under the names it uses. A bean made from another
 * of this class's is made once and shared, whatever order Camel binds them in.
 */
public class InboxConfiguration implements CamelConfiguration {

    /** Where the folder's lanes send each clip: routes/inbox.yaml's drive with its retries. */
    public static final String INBOX_DRIVE = "direct:inbox-drive";

    private static final Logger LOG = LoggerFactory.getLogger(InboxConfiguration.class);

    private InboxSettings inbox;
    private DrivenClipLog driven;
    private ClipArchive archive;

    @BindToRegistry("inboxSettings")
    public synchronized InboxSettings inboxSettings(CamelContext context) {
        if (inbox == null) {
            inbox = InboxSettings.from(context.getPropertiesComponent()::resolveProperty);
        }
        return inbox;
    }

    @BindToRegistry("drivenClips")
    public synchronized DrivenClipLog drivenClips(CamelContext context) {
        if (driven == null) {
            driven = new DrivenClipLog(inboxSettings(context).drivenClips());
        }
        return driven;
    }

    @BindToRegistry("clipArchive")
    public synchronized ClipArchive clipArchive(CamelContext context, DriveSettings settings) {
        if (archive == null) {
            archive = new ClipArchive(settings.done(), settings.error(), drivenClips(context));
        }
        return archive;
    }

    @BindToRegistry("inboxGuard")
    public InboxGuard inboxGuard(CamelContext context, DriveSettings settings) {
        return new InboxGuard(settings.inbox(), settings.taskId(), clipArchive(context, settings));
    }

    @BindToRegistry("inboxReadiness")
    public InboxReadiness inboxReadiness(CamelContext context) {
        return new InboxReadiness(inboxSettings(context).settleMs(), inboxSettings(context).incompleteTimeoutMs());
    }

    @BindToRegistry("inboxAddress")
    public InboxAddress inboxAddress(DriveSettings settings) {
        return new InboxAddress(settings.taskId());
    }

    @BindToRegistry("inboxFailure")
    public InboxFailure inboxFailure() {
        return new InboxFailure();
    }

    @BindToRegistry("inboxSteps")
    public InboxSteps inboxSteps(CamelContext context) {
        return new InboxSteps(drivenClips(context), inboxSettings(context).maxRedeliveries());
    }

    /** The folder's clips wait in the task lanes, beside every other ingress's work. */
    @BindToRegistry("driveLanes")
    public TaskLaneProcessor driveLanes(CamelContext context, DriveSettings settings, TaskLanes lanes) {
        return new TaskLaneProcessor(context, lanes, settings.taskId(), INBOX_DRIVE);
    }

    @BindToRegistry("taskFolderPruner")
    public TaskFolderPruner taskFolderPruner(CamelContext context, DriveSettings settings) {
        return new TaskFolderPruner(settings.inbox(), inboxSettings(context).taskFolderIdleMs());
    }

    @Override
    public void configure(CamelContext context) {
        DriveSettings settings = context.getRegistry().findSingleByType(DriveSettings.class);
        LOG.info("Watching {} (done: {}, error: {})", settings.inbox(), settings.done(), settings.error());
    }
}
