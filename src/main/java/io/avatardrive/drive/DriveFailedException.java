package io.avatardrive.drive;

/** A drive that ended in a failure report, raised where an ingress wants Camel's redelivery and dead-lettering. */
public class DriveFailedException extends RuntimeException {

    private final FailureReport report;

    public DriveFailedException(FailureReport report) {
        super(report.reason());
        this.report = report;
    }

    public FailureReport report() {
        return report;
    }
}
