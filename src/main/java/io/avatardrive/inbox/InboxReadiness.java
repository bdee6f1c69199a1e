package io.avatardrive.inbox;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.avatardrive.audio.WavExtent;
import io.avatardrive.text.TextKind;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileExclusiveReadLockStrategy;
import org.apache.camel.component.file.GenericFileOperations;

/**
 * The folder's read lock: a clip is taken only once it is complete, so that one written in place (by {@code cp},
 * {@code scp} or a TTS writing to disk) is never driven half-written. A WAV whose data chunk is all there is complete at
 * once; a WAV whose header gives no length, raw PCM, and text or SSML, once unchanged for {@code drive.settle-ms}; a WAV that stays
 * shorter than its header for {@code drive.incomplete-timeout-ms} is taken with the {@link #INCOMPLETE} header, which
 * files it in error/. A clip not yet complete is skipped and looked at again at the next poll: nothing waits.
 */
public final class InboxReadiness implements GenericFileExclusiveReadLockStrategy<File> {

    /** Set on a clip taken because it never became complete: why, in the operator's words. */
    public static final String INCOMPLETE = "AvatarDriveIncomplete";

    /** What a file looked like when it was last seen to change. */
    private record Seen(long size, long modified, long sinceNanos) {
    }

    private static final int MAX_TRACKED = 10_000;

    private final long settleMs;
    private final long incompleteTimeoutMs;
    private final Map<Path, Seen> seen = new ConcurrentHashMap<>();

    public InboxReadiness(long settleMs, long incompleteTimeoutMs) {
        this.settleMs = settleMs;
        this.incompleteTimeoutMs = incompleteTimeoutMs;
    }

    @Override
    public boolean acquireExclusiveReadLock(GenericFileOperations<File> operations, GenericFile<File> file,
                                            Exchange exchange) throws IOException {
        Path path = file.getFile().toPath();
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            seen.remove(path);
            return false;
        }
        if (!now.isRegularFile()) {
            // a link is refused by the inbox guard before it gets here; anything else is not ours to judge
            return true;
        }
        long unchangedMs = unchangedMs(path, now);
        boolean complete = isComplete(path, now.size(), unchangedMs, exchange);
        if (complete) {
            seen.remove(path);
        }
        return complete;
    }

    private boolean isComplete(Path path, long size, long unchangedMs, Exchange exchange) throws IOException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pcm") || TextKind.ofName(name).isPresent()) {
            return unchangedMs >= settleMs;
        }
        if (!name.endsWith(".wav")) {
            return true;
        }
        WavExtent extent = WavExtent.of(path);
        return switch (extent.state()) {
            case NOT_WAV -> true;
            case HEADER_INCOMPLETE, UNKNOWN_LENGTH -> unchangedMs >= settleMs;
            case DECLARED -> {
                if (size >= extent.completeLength()) {
                    yield true;
                }
                if (unchangedMs < incompleteTimeoutMs) {
                    yield false;
                }
                exchange.getMessage().setHeader(INCOMPLETE, String.format(
                        "incomplete: its WAV header promised %d bytes of audio, %d arrived, and the file did not grow"
                        + " for %d ms (drive.incomplete-timeout-ms)",
                        extent.declaredSize(), Math.max(0, size - extent.dataOffset()), unchangedMs));
                yield true;
            }
        };
    }

    /**
     * How long the file has not changed: since its modification time (a clip renamed in after it was written is settled
     * at once) or since this strategy first saw its present size and time, whichever is longer.
     */
    private long unchangedMs(Path path, BasicFileAttributes now) {
        if (seen.size() > MAX_TRACKED) {
            // files deleted before they were complete are never listed again
            seen.keySet().removeIf(p -> !Files.exists(p, LinkOption.NOFOLLOW_LINKS));
        }
        long modified = now.lastModifiedTime().toMillis();
        long nanos = System.nanoTime();
        Seen s = seen.compute(path, (p, old) -> old != null && old.size() == now.size() && old.modified() == modified
                ? old : new Seen(now.size(), modified, nanos));
        long seenMs = TimeUnit.NANOSECONDS.toMillis(nanos - s.sinceNanos());
        return Math.max(seenMs, System.currentTimeMillis() - modified);
    }

    private void forget(GenericFile<File> file) {
        seen.remove(file.getFile().toPath());
    }

    @Override
    public void prepareOnStartup(GenericFileOperations<File> operations, GenericFileEndpoint<File> endpoint) {
        seen.clear();
    }

    @Override
    public void releaseExclusiveReadLockOnAbort(GenericFileOperations<File> operations, GenericFile<File> file,
                                                Exchange exchange) {
        forget(file);
    }

    @Override
    public void releaseExclusiveReadLockOnRollback(GenericFileOperations<File> operations, GenericFile<File> file,
                                                   Exchange exchange) {
        forget(file);
    }

    @Override
    public void releaseExclusiveReadLockOnCommit(GenericFileOperations<File> operations, GenericFile<File> file,
                                                 Exchange exchange) {
        forget(file);
    }

    @Override
    public void setTimeout(long timeout) {
        // never waits: an incomplete clip is looked at again at the next poll
    }

    @Override
    public void setCheckInterval(long checkInterval) {
        // the poll delay is the check interval
    }

    @Override
    public void setReadLockLoggingLevel(LoggingLevel readLockLoggingLevel) {
        // skipping an incomplete clip is routine, not worth a log line
    }

    @Override
    public void setMarkerFiler(boolean markerFile) {
        // no marker files: a writer would see them in its folder
    }

    @Override
    public void setDeleteOrphanLockFiles(boolean deleteOrphanLockFiles) {
        // no lock files are made
    }
}
