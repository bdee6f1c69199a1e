package io.avatardrive.route;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** A clip the folder took without driving it, because it never became complete: its failure report, with the reason. */
public final class InboxRefusal implements Processor {

    @Override
    public void process(Exchange exchange) {
        String file = exchange.getMessage().getHeader(DriveHeaders.CLIP_NAME, String.class);
        String reason = exchange.getMessage().getHeader(InboxReadiness.INCOMPLETE, String.class);
        exchange.getMessage().setBody(new FailureReport(file,
                exchange.getMessage().getHeader(DriveHeaders.TASK_ID, String.class), Stage.READ, null, null, null,
                file + ": " + reason));
    }
}
