package io.avatardrive.drive;

import java.util.concurrent.CancellationException;

import io.avatardrive.vendor.AvatarSession;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A drive's life as Camel processors, once its clip is read and its ticket got: connect and Start, paced audio, Stop
 * after the last byte, then its report; and the cut of every drive in flight at shutdown.
 */
public final class DriveSteps {

    private static final String SHUTTING_DOWN = "the drive was cut short: the pipeline is shutting down";
    /** The reason a report kept before Stop carries: published only if the drive's own report never came. */
    static final String STOP_UNCONFIRMED = "all its audio went out, but the instance driving it stopped before Stop was"
                                           + " confirmed and its report published";

    private static final Logger LOG = LoggerFactory.getLogger(DriveSteps.class);

    private final DriveResources resources;

    DriveSteps(DriveResources resources) {
        this.resources = resources;
    }

    /** On shutdown: every drive in flight ends its stream at the next chunk and sends Stop, so the process can exit. */
    void cancelAll() {
        TaskDrives active = resources.active();
        if (!active.isEmpty()) {
            LOG.info("Shutting down: cutting {} drive(s) short; they send Stop, their clips go back to the inbox or"
                     + " queue, live utterances are reported cut", active.size());
        }
        active.cancelAll(new CancellationException(SHUTTING_DOWN));
    }

    /** Once the context runs: the clients are made and used once on loopback, off the starting thread. */
    void warmUp(CamelContext context, DriveWarmUp warmUp) {
        warmUp.start(DriveResources.vertx(context), resources.clients(context), resources.workers(),
                AvatarBackends.of(context));
    }

    /** Connects the avatar's session and opens it with the backend's Start. */
    void start(Exchange exchange) throws Exception {
        ActiveDrive drive = exchange.getProperty(AvatarDriveConstants.DRIVE, ActiveDrive.class);
        if (drive.cancellation() != null) {
            // interrupted (or shut down) while it waited for its DriveId: never connected, nothing to Stop
            throw drive.cancellation();
        }
        AvatarSession session = drive.session(resources.clients(exchange));
        if (drive.isText()) {
            LOG.info("Saying {} on task {} with {} {}: {} characters of {}", drive.clipName(), drive.taskId(),
                    drive.backend().name(), session.driveId(), drive.text().characters(), drive.text().kind().label());
        } else {
            LOG.info("Driving {} on task {} with {} {} at {} Hz", drive.clipName(), drive.taskId(),
                    drive.backend().name(), session.driveId(), drive.clip().sampleRate());
        }
        drive.start(session);
        resources.metrics(exchange).started();
    }

    /** Whether the drive's backend needs a ticket from its API first. */
    static boolean needsTicket(Exchange exchange) {
        return exchange.getProperty(AvatarDriveConstants.DRIVE, ActiveDrive.class).backend().needsTicket();
    }

    /**
     * Split and pace, asynchronously: the clip's chunks go out on timers of the connection's event loop (see
     * {@link PacedStream}), and the route goes on (to Stop) on a worker once the last is written, so no thread waits
     * out a drive. Words are said instead, a worker waiting for the avatar to finish them.
     */
    AsyncProcessor pacedStream() {
        return new AsyncProcessorSupport() {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                ActiveDrive drive = exchange.getProperty(AvatarDriveConstants.DRIVE, ActiveDrive.class);
                if (drive.isText()) {
                    resources.workers().execute(() -> {
                        try {
                            drive.speak();
                        } catch (Exception e) {
                            exchange.setException(e);
                        }
                        callback.done(false);
                    });
                    return false;
                }
                drive.stream(resources.workers()).start().whenComplete((v, failure) -> {
                    if (failure != null) {
                        exchange.setException(failure);
                    }
                    // never on the Vert.x event loop: Stop waits for its own write, which that loop completes
                    resources.workers().execute(() -> callback.done(false));
                });
                return false;
            }
        };
    }

    /**
     * Stop after the last byte, always; a Stop that fails after a clean stream fails the drive. Between the two, the
     * ingress's {@link AvatarDriveConstants#BEFORE_STOP} records the clip as driven; if that fails, Stop still goes out first.
     */
    void stop(Exchange exchange) throws Exception {
        ActiveDrive drive = exchange.getProperty(AvatarDriveConstants.DRIVE, ActiveDrive.class);
        // an interrupted clip counts as driven: a redelivery must not speak it again
        boolean streamFailed = exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != null
                && !(drive.cancellation() instanceof DriveInterrupted);
        RuntimeException notRecorded = null;
        DrivenHook record = exchange.getProperty(AvatarDriveConstants.BEFORE_STOP, DrivenHook.class);
        if (!streamFailed && record != null) {
            try {
                record.driven(drive.report(drive.cancellation() instanceof DriveInterrupted ? Outcome.INTERRUPTED
                        : Outcome.DRIVEN, STOP_UNCONFIRMED));
            } catch (RuntimeException e) {
                notRecorded = e;
            }
        }
        try {
            drive.stop();
        } catch (Exception e) {
            if (!streamFailed) {
                throw e;
            }
            LOG.warn("Could not send Stop for {} after the stream failed: {}", drive.clipName(),
                    drive.redactor().redact(e.getMessage()));
        }
        if (notRecorded != null) {
            throw notRecorded;
        }
    }

    void succeeded(Exchange exchange) {
        ActiveDrive drive = exchange.getProperty(AvatarDriveConstants.DRIVE, ActiveDrive.class);
        resources.active().remove(drive);
        drive.release();
        DriveReport report = drive.report(Outcome.DRIVEN, null);
        resources.metrics(exchange).ended(report, true);
        DriveResources.toBoard(exchange, report);
        if (drive.isText()) {
            LOG.info("Said {} on task {}: {} {}, {} characters of {}, wall {} ms", report.clipName(), report.taskId(),
                    report.backend(), report.driveId(), report.characters(), report.input(), report.wallMs());
        } else {
            LOG.info("Drove {} on task {}: DriveId {}, {} ms of audio at {} Hz in {} chunks, wall {} ms, max lead {} ms",
                    report.clipName(), report.taskId(), report.driveId(), report.audioMs(), report.sampleRate(),
                    report.chunks(), report.wallMs(), report.maxLeadMs());
        }
        exchange.getMessage().setBody(report);
    }

    /**
     * A drive cut short on purpose ends with its report as the body. Any failure is counted and logged, and stays an
     * exception, a {@link DriveFailedException} carrying the report that names the clip, the stage and the reason with
     * no secret in it, for the ingress that owns the answer to retry, file, dead-letter or answer.
     */
    void failed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        ActiveDrive drive = DriveResources.drive(exchange);
        if (drive != null) {
            resources.active().remove(drive);
            drive.release();
            DriveReport cutShort = FailureReports.cutShort(drive, cause);
            if (cutShort != null) {
                resources.metrics(exchange).ended(cutShort, drive.started());
                DriveResources.toBoard(exchange, cutShort);
                LOG.info("{} on task {} {} after {} ms of audio: {}", cutShort.clipName(), cutShort.taskId(),
                        cutShort.outcome().label(), cutShort.audioMs(), cutShort.reason());
                exchange.getMessage().setBody(cutShort);
                return;
            }
        }
        FailureReport report = FailureReports.failure(exchange, drive, cause);
        resources.metrics(exchange).failed(report.stage(), drive != null && drive.started());
        DriveResources.toBoard(exchange, report);
        LOG.warn("Could not drive {} on task {} ({}): {}", report.clipName(), report.taskId(), report.stage().label(),
                report.reason());
        throw new DriveFailedException(report);
    }
}
