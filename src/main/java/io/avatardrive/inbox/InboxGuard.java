package io.avatardrive.inbox;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import io.avatardrive.drive.FailureReport;
import io.avatardrive.drive.Stage;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the folder consumer inside the inbox: a symbolic link, or anything whose real path lies outside the inbox, is
 * never read nor walked into. It is filed in error/ itself, the link and not its target, with a report naming it, so an
 * operator sees what was refused and why.
 */
public final class InboxGuard implements GenericFileFilter<File> {

    private static final Logger LOG = LoggerFactory.getLogger(InboxGuard.class);

    private final Path inbox;
    private final String defaultTaskId;
    private final ClipArchive archive;
    private Path realInbox;

    public InboxGuard(Path inbox, String defaultTaskId, ClipArchive archive) {
        this.inbox = inbox.toAbsolutePath().normalize();
        this.defaultTaskId = defaultTaskId;
        this.archive = archive;
    }

    private Path outermostLink(Path path) {
        Path p = inbox;
        for (Path part : inbox.relativize(path)) {
            p = p.resolve(part);
            if (Files.isSymbolicLink(p)) {
                return p;
            }
        }
        return path;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        Path path = file.getFile().toPath().toAbsolutePath().normalize();
        try {
            if (file.getFile().getName().indexOf('\\') >= 0) {
                // the file component reads a backslash as a folder separator and could never find such a file again
                refuse(path, "a name with a backslash, which the folder cannot handle; rename it without one");
                return false;
            }
            if (!Files.isSymbolicLink(path) && path.toRealPath().startsWith(realInbox())) {
                return true;
            }
            refuse(path);
        } catch (IOException e) {
            LOG.warn("Could not check or refuse {}: {}", path, e.toString());
        }
        return false;
    }

    private Path realInbox() throws IOException {
        if (realInbox == null) {
            realInbox = inbox.toRealPath();
        }
        return realInbox;
    }

    private void refuse(Path found) throws IOException {
        // the link itself is filed: for a file reached through a linked folder, that folder, never the target's files
        Path path = outermostLink(found);
        refuse(path, Files.isSymbolicLink(path)
                ? "a symbolic link (to " + Files.readSymbolicLink(path) + "); links are never read, drop the clip itself"
                : "a path that resolves outside the inbox (to " + path.toRealPath() + "); it is never read");
    }

    private void refuse(Path path, String what) throws IOException {
        String relative = inbox.relativize(path).toString();
        int slash = relative.indexOf(File.separatorChar);
        String taskId = slash < 0 ? defaultTaskId : relative.substring(0, slash);
        FailureReport report = new FailureReport(relative, taskId, Stage.READ, null, null, null,
                relative + ": " + what);
        Path target = archive.archive(report, relative);
        Files.move(path, target, LinkOption.NOFOLLOW_LINKS);
        LOG.warn("Refused {}: {}; filed in {}", relative, report.reason(), target);
    }
}
