package io.avatardrive.route;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Reads a dropped clip's address from where it lies: the inbox root drives the default task, inbox/TASKID/ drives TASKID. */
public class InboxAddress implements Processor {

    private final String defaultTaskId;

    public InboxAddress(String defaultTaskId) {
        this.defaultTaskId = defaultTaskId;
    }

    @Override
    public void process(Exchange exchange) {
        String relative = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class).replace('\\', '/');
        int slash = relative.indexOf('/');
        exchange.getMessage().setHeader(DriveHeaders.TASK_ID, slash < 0 ? defaultTaskId : relative.substring(0, slash));
        exchange.getMessage().setHeader(DriveHeaders.CLIP_NAME, relative);
    }
}
