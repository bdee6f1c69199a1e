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

/** The folder ingress's wiring: the beans routes/inbox.yaml refers to, under the names it uses. */
public class InboxConfiguration implements CamelConfiguration {

    /** Where the folder's lanes send each clip: routes/inbox.yaml's drive with its retries. */
    public static final String INBOX_DRIVE = "direct:inbox-drive";

    private static final Logger LOG = LoggerFactory.getLogger(InboxConfiguration.class);

    @BindToRegistry("inboxSettings")
    public InboxSettings inboxSettings(CamelContext context) {
        return InboxSettings.from(context.getPropertiesComponent()::resolveProperty);
    }

    @BindToRegistry("drivenClips")
    public DrivenClipLog drivenClips(InboxSettings inbox) {
        return new DrivenClipLog(inbox.drivenClips());
    }

    @BindToRegistry("clipArchive")
    public ClipArchive clipArchive(DriveSettings settings, DrivenClipLog driven) {
        return new ClipArchive(settings.done(), settings.error(), driven);
    }

    @BindToRegistry("inboxGuard")
    public InboxGuard inboxGuard(DriveSettings settings, ClipArchive archive) {
        return new InboxGuard(settings.inbox(), settings.taskId(), archive);
    }

    @BindToRegistry("inboxReadiness")
    public InboxReadiness inboxReadiness(InboxSettings inbox) {
        return new InboxReadiness(inbox.settleMs(), inbox.incompleteTimeoutMs());
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
    public InboxSteps inboxSteps(DrivenClipLog driven, InboxSettings inbox) {
        return new InboxSteps(driven, inbox.maxRedeliveries());
    }

    /** The folder's clips wait in the task lanes, beside every other ingress's work. */
    @BindToRegistry("driveLanes")
    public TaskLaneProcessor driveLanes(CamelContext context, DriveSettings settings, TaskLanes lanes) {
        return new TaskLaneProcessor(context, lanes, settings.taskId(), INBOX_DRIVE);
    }

    @BindToRegistry("taskFolderPruner")
    public TaskFolderPruner taskFolderPruner(DriveSettings settings, InboxSettings inbox) {
        return new TaskFolderPruner(settings.inbox(), inbox.taskFolderIdleMs());
    }

    @Override
    public void configure(CamelContext context) {
        DriveSettings settings = context.getRegistry().findSingleByType(DriveSettings.class);
        LOG.info("Watching {} (done: {}, error: {})", settings.inbox(), settings.done(), settings.error());
    }
}
