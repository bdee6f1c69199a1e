package io.avatardrive.inbox;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.avatardrive.drive.DriveFailedException;
import io.avatardrive.drive.DriveReport;
import io.avatardrive.drive.FailureClassifier;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder's steps around a drive, as the queue has its own: which clip, one attempt from the clip's start, a failed
 * attempt raised for the shared redelivery policy to retry (or not, by the {@link FailureClassifier}), and what the
 * driven-clip log keeps.
 */
public final class InboxSteps {

    /** The header the idempotent consumer keys a clip by: its path, size and modification time. */
    public static final String CLIP_KEY = "AvatarDriveClipKey";
    /** The clip as the folder gave it, for each attempt to start from. */
    static final String CLIP = "avatarDriveInboxClip";
    /** Set on a clip that waits in the inbox, neither spoken nor filed (its record cannot be kept yet). */
    static final String WAITS = "avatarDriveInboxWaits";

    private static final Logger LOG = LoggerFactory.getLogger(InboxSteps.class);

    private final DrivenClipLog driven;
    private final int maxRedeliveries;
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    public InboxSteps(DrivenClipLog driven, int maxRedeliveries) {
        this.driven = driven;
        this.maxRedeliveries = maxRedeliveries;
    }

    /**
     * Whether the clip may be spoken: the space its record needs is taken first. On a full disk it waits in the inbox,
     * neither spoken nor filed, and is taken again at the next poll; the log says so once per clip.
     */
    public boolean reserve(Exchange exchange) {
        String key = DrivenClipLog.key(exchange.getMessage());
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        try {
            driven.reserve(key);
        } catch (IOException e) {
            exchange.setProperty(WAITS, true);
            if (waiting.add(key)) {
                LOG.warn("{} waits in the inbox: its record cannot be kept in {} ({}); it is spoken once the disk has"
                         + " room", name, driven.file(), reason(e));
            }
            return false;
        }
        if (waiting.remove(key)) {
            LOG.info("{}: its record can be kept again, it is spoken now", name);
        }
        return true;
    }

    /** A file system's reason, without the path it names. */
    static String reason(IOException e) {
        return e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
    }

    /** Keeps the clip for every attempt and names it for the driven-clip log. */
    public void prepare(Exchange exchange) {
        exchange.setProperty(CLIP, exchange.getMessage().getBody());
        exchange.getMessage().setHeader(CLIP_KEY, DrivenClipLog.key(exchange.getMessage()));
    }

    /** Each attempt drives the clip from its start. */
    public void rewind(Exchange exchange) {
        // an earlier attempt's failure is not this one's: the drive reads it to tell a failed stream from a clean one
        exchange.removeProperty(Exchange.EXCEPTION_CAUGHT);
        exchange.getMessage().setBody(exchange.getProperty(CLIP));
    }

    /** Whether to drive the clip again: see {@link FailureClassifier#redeliver}. */
    public boolean shouldRetry(Exchange exchange) {
        return FailureClassifier.redeliver(exchange, maxRedeliveries);
    }

    /** The last attempt's failure report, for the folder to file. */
    public void failed(Exchange exchange) {
        DriveFailedException failed = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, DriveFailedException.class);
        exchange.getMessage().setBody(failed.report());
    }

    /** A driven clip's report is kept until the clip is filed, so that a crash in between never speaks it twice. */
    public void keepReport(Exchange exchange) throws InvalidPayloadException {
        driven.record(exchange.getMessage().getHeader(CLIP_KEY, String.class),
                exchange.getMessage().getMandatoryBody(DriveReport.class));
    }

    /** A clip found again after a crash that followed its drive: filed with the report kept for it, not spoken. */
    public void keptReport(Exchange exchange) {
        DriveReport earlier = driven.find(exchange.getMessage().getHeader(CLIP_KEY, String.class)).orElseThrow();
        LOG.warn("{} was already driven (DriveId {}) before a restart; filing it without speaking it again",
                earlier.clipName(), earlier.driveId());
        exchange.getMessage().setBody(earlier);
    }
}
