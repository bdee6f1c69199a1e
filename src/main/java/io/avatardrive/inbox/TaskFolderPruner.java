package io.avatardrive.inbox;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes task folders of the inbox that have stayed empty for {@code drive.task-folder-idle-ms}: the folder's poll
 * lists every folder each time, so thousands of emptied task folders would cost CPU for ever. A folder with anything in
 * it (a clip, its {@code .drive.properties}) is kept, and one that fills while it is removed is not removed (the file
 * system refuses to delete a folder that is not empty).
 */
public final class TaskFolderPruner {

    private static final Logger LOG = LoggerFactory.getLogger(TaskFolderPruner.class);

    private final Path inbox;
    private final long idleMs;

    public TaskFolderPruner(Path inbox, long idleMs) {
        this.inbox = inbox;
        this.idleMs = idleMs;
    }

    /** Removes the task folders idle long enough; returns how many. */
    public int prune() throws IOException {
        long before = System.currentTimeMillis() - idleMs;
        int removed = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(inbox)) {
            for (Path task : tasks) {
                BasicFileAttributes attributes = Files.readAttributes(task, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (attributes.isDirectory() && !task.getFileName().toString().startsWith(".")
                    && attributes.lastModifiedTime().toMillis() < before && removeIfEmpty(task)) {
                    removed++;
                }
            }
        }
        if (removed > 0) {
            LOG.info("Removed {} task folder(s) of the inbox empty for {} ms (drive.task-folder-idle-ms)", removed,
                    idleMs);
        }
        return removed;
    }

    private static boolean removeIfEmpty(Path task) throws IOException {
        try {
            Files.delete(task);
            return true;
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            return false;
        }
    }
}
