package io.avatardrive.ingress;

import java.util.Optional;

import org.apache.camel.spi.IdempotentRepository;

/**
 * What the queue remembers of the messages it drove: their ids, confirmed once a drive's last audio went out, and
 * each one's report, kept so that a report whose publishing failed goes out when the message comes back, instead of
 * being lost with the rolled-back publish.
 */
public interface DrivenRecord extends IdempotentRepository {

    /**
     * Records the message as driven together with the report it has so far, in one write: an instance that dies before
     * the drive's own report is kept still leaves one for whichever instance gets the message next.
     */
    default boolean confirm(String messageId, String provisionalReport) {
        // the report first: a crash in between leaves a report no one reads, never an id without a report
        keepReport(messageId, provisionalReport);
        return confirm(messageId);
    }

    /** Keeps the report of a driven message until it may be needed again. */
    void keepReport(String messageId, String report);

    /** The report kept for a driven message, if any. */
    Optional<String> keptReport(String messageId);
}
