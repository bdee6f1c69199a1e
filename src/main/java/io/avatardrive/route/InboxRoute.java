package io.avatardrive.route;

import io.avatardrive.config.DriveSettings;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The watched folder: each clip dropped in the inbox (root: zego.task-id, a subfolder: that TaskId) is driven once, in
 * order per task, then moved to done/ or error/ with its report beside it.
 */
public class InboxRoute extends RouteBuilder {

    private final DriveSettings settings;

    public InboxRoute(DriveSettings settings) {
        this.settings = settings;
    }

    @Override
    public void configure() {
        ClipArchive archive = new ClipArchive(settings.done(), settings.error());
        TaskLanes lanes = new TaskLanes(getContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "avatar-drive", settings.maxConcurrent()));

        from(inboxUri()).routeId("inbox-folder")
                .process(this::address)
                .process(new TaskLaneProcessor(getContext(), lanes, settings.taskId(), ZegoDriveRoute.DRIVE))
                .process(archive::file);
    }

    /** Root clips drive the default task; a clip in inbox/TASKID/ drives TASKID. */
    private void address(Exchange exchange) {
        String relative = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class).replace('\\', '/');
        int slash = relative.indexOf('/');
        exchange.getMessage().setHeader(DriveHeaders.TASK_ID, slash < 0 ? settings.taskId() : relative.substring(0, slash));
        exchange.getMessage().setHeader(DriveHeaders.CLIP_NAME, relative);
    }

    /**
     * Writers rename into place, so *.part and *.tmp are never read and no read lock is needed by default; hidden files
     * are skipped by the file component. The clip is moved where {@link ClipArchive} decided.
     */
    String inboxUri() {
        return "file:" + settings.inbox()
               + "?recursive=true&maxDepth=2&autoCreate=true"
               + "&exclude=RAW((?i).*\\.(part|tmp)$)"
               + "&sortBy=file:modified;file:name"
               + "&readLock=" + settings.readLock()
               + "&delay=" + settings.pollDelayMs()
               + "&move=${header." + DriveHeaders.ARCHIVE_PATH + "}"
               + "&moveFailed=" + settings.error() + "/${file:name}";
    }
}
