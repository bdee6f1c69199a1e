package io.avatardrive.drive;

import java.util.concurrent.CompletionException;

import io.avatardrive.vendor.VendorException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

/** A drive's ticket, for a backend that needs one: its quota to throttle by, then the backend's call, counted. */
final class DriveTicketSteps {

    private final DriveResources resources;

    DriveTicketSteps(DriveResources resources) {
        this.resources = resources;
    }

    /** What the throttle needs to know: whose quota, and how much of it one call spends. */
    void prepareCall(Exchange exchange) {
        ActiveDrive drive = DriveResources.drive(exchange);
        exchange.setProperty(AvatarDriveConstants.APP_ID, drive.backend().quotaKey(drive.settings()));
        exchange.setProperty(AvatarDriveConstants.API_PERMITS, drive.backend().quotaPermits(drive.settings()));
    }

    /**
     * The backend's call, holding no thread while it waits: its answer code is counted (0 for a ticket), and the ticket
     * joins the drive. The call is bounded by the backend, so a vendor that hangs holds only its own task.
     */
    AsyncProcessor callApi() {
        return new AsyncProcessorSupport() {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                ActiveDrive drive = DriveResources.drive(exchange);
                drive.backend().ticket(drive.taskId(), drive.settings()).whenComplete((ticket, failure) -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof VendorException answer) {
                        counted(exchange, answer.getCode());
                    } else if (cause == null) {
                        counted(exchange, 0);
                        drive.ticket(ticket);
                    }
                    if (cause != null) {
                        exchange.setException(cause);
                    }
                    callback.done(false);
                });
                return false;
            }
        };
    }

    private void counted(Exchange exchange, long code) {
        resources.metrics(exchange).apiAnswer(code);
    }
}
