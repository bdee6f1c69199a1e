package io.avatardrive.inbox;

import io.avatardrive.drive.AvatarDriveConstants;
import io.avatardrive.drive.DriveFailedException;
import io.avatardrive.drive.DriveOutcome;
import io.avatardrive.drive.DriveReport;
import io.avatardrive.drive.FailureClassifier;
import io.avatardrive.drive.FailureReport;
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

    private static final Logger LOG = LoggerFactory.getLogger(InboxSteps.class);

    private final DrivenClipLog driven;
    private final int maxRedeliveries;

    public InboxSteps(DrivenClipLog driven, int maxRedeliveries) {
        this.driven = driven;
        this.maxRedeliveries = maxRedeliveries;
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

    /** A failure report becomes an exception here, so that Camel's redelivery can act on it. */
    public void requireDriven(Exchange exchange) {
        DriveOutcome outcome = exchange.getMessage().getBody(DriveOutcome.class);
        if (outcome instanceof FailureReport failure && !exchange.getContext().isStopping()) {
            throw new DriveFailedException(failure);
        }
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
