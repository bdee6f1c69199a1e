package io.avatardrive.inbox;

import io.avatardrive.drive.TaskLaneProcessor;
import io.avatardrive.drive.TaskLanes;
import io.avatardrive.settings.DriveSettings;
import io.avatardrive.settings.InboxSettings;
import org.apache.camel.CamelContext;

/** The folder ingress's wiring: the beans routes/inbox.yaml refers to, under the names it uses. */
public final class InboxConfiguration {

    /** Where the folder's lanes send each clip: routes/inbox.yaml's drive with its retries. */
    public static final String INBOX_DRIVE = "direct:inbox-drive";

    private InboxConfiguration() {
    }

    /** Binds the folder's beans; its clips wait in {@code lanes}, beside every other ingress's work. */
    public static void bind(CamelContext context, DriveSettings settings, InboxSettings inbox, TaskLanes lanes) {
        DrivenClipLog driven = new DrivenClipLog(inbox.drivenClips());
        ClipArchive archive = new ClipArchive(settings.done(), settings.error(), driven);
        context.getRegistry().bind("inboxGuard", new InboxGuard(settings.inbox(), settings.taskId(), archive));
        context.getRegistry().bind("inboxReadiness", new InboxReadiness(inbox.settleMs(), inbox.incompleteTimeoutMs()));
        context.getRegistry().bind("inboxAddress", new InboxAddress(settings.taskId()));
        context.getRegistry().bind("inboxFailure", new InboxFailure());
        context.getRegistry().bind("drivenClips", driven);
        context.getRegistry().bind("inboxSteps", new InboxSteps(driven, inbox.maxRedeliveries()));
        context.getRegistry().bind("driveLanes",
                new TaskLaneProcessor(context, lanes, settings.taskId(), INBOX_DRIVE));
        context.getRegistry().bind("clipArchive", archive);
        context.getRegistry().bind("taskFolderPruner", new TaskFolderPruner(settings.inbox(), inbox.taskFolderIdleMs()));
    }
}
