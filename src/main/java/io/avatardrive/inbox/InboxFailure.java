package io.avatardrive.inbox;

import io.avatardrive.drive.AvatarDriveConstants;
import io.avatardrive.drive.FailureReport;
import io.avatardrive.drive.Stage;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The report of a clip the folder files in error/ without a drive: it never became complete, or handling it failed in
 * a way no drive step reported. Either way the clip is filed with its reason rather than left in the inbox, where the
 * next poll would take it again and again.
 */
public final class InboxFailure implements Processor {

    @Override
    public void process(Exchange exchange) {
        String file = exchange.getMessage().getHeader(AvatarDriveConstants.CLIP_NAME,
                exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class), String.class);
        String reason = exchange.getMessage().getHeader(InboxReadiness.INCOMPLETE, String.class);
        if (reason == null) {
            Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            reason = "could not be handled (" + (cause == null ? "unknown failure" : cause) + ")";
        }
        exchange.getMessage().setBody(new FailureReport(file,
                exchange.getMessage().getHeader(AvatarDriveConstants.TASK_ID, String.class), Stage.READ, null, null, null,
                file + ": " + reason));
    }
}
