package io.avatardrive.drive;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.avatardrive.audio.LiveAudio;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Hands each exchange to its TaskId's lane and runs the given endpoint there (the folder's drive with its retries, or
 * the drive itself); the exchange continues down its own route once that is done, so the folder files a clip only
 * after its drive is over. An interrupt for the task while the exchange waits supersedes it: it continues at once with
 * a superseded report. Camel has no FIFO-per-key processor that neither blocks the poller nor lets one key's next exchange overtake
 * the one being retried, so the lanes are {@link TaskLanes}; everything else is Camel's.
 */
public class TaskLaneProcessor extends AsyncProcessorSupport {

    private final CamelContext context;
    private final TaskLanes lanes;
    private final String defaultTaskId;
    private final String endpointUri;
    private AsyncProducer producer;
    private TaskClaims claims = TaskClaims.LOCAL;

    public TaskLaneProcessor(CamelContext context, TaskLanes lanes, String defaultTaskId, String endpointUri) {
        this.context = context;
        this.lanes = lanes;
        this.defaultTaskId = defaultTaskId;
        this.endpointUri = endpointUri;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        String task = exchange.getMessage().getHeader(AvatarDriveConstants.TASK_ID, defaultTaskId, String.class);
        // an interrupt for the task from now on concerns this exchange too, even once it has left the lane
        exchange.setProperty(AvatarDriveConstants.ARRIVED, System.nanoTime());
        String name = exchange.getMessage().getHeader(AvatarDriveConstants.CLIP_NAME, "clip", String.class);
        // a live utterance takes a place among the drives running only once its first audio is there
        LiveAudio audio = exchange.getMessage().getBody() instanceof LiveAudio live ? live : null;
        // once next in its lane, the work also claims its task from other instances, and holds the claim until it ends
        TaskLanes.Waiting waiting = lanes.submit(task, name, () -> claimed(task).thenCompose(release ->
                drive(exchange).whenComplete((v, failure) -> release.run())).whenComplete((v, failure) -> {
                    if (failure != null) {
                        exchange.setException(failure instanceof CompletionException ? failure.getCause() : failure);
                    }
                    callback.done(false);
                }), reason -> ended(exchange, callback, DriveReport.superseded(name, task, name + ": " + reason)),
                audio == null ? null : audio.readable());
        // a live utterance whose producer goes away (or never sends) while it waits leaves the lane at once: no vendor
        // call is made for it, and the task's next work moves up
        if (audio != null) {
            audio.abandoned().thenAccept(reason -> {
                if (waiting.withdraw()) {
                    ended(exchange, callback, DriveReport.withdrawn(name, task, name + ": " + reason
                                                                       + "; withdrawn before its turn"));
                }
            });
        }
        return false;
    }

    /**
     * The task's claim; one granted later (another instance held the task) goes on on the lanes' threads, never on the
     * thread of the store that granted it, which every claim of this instance shares.
     */
    private CompletionStage<Runnable> claimed(String task) {
        CompletableFuture<Runnable> claim = claims.claim(task).toCompletableFuture();
        return claim.isDone() ? claim : claim.thenApplyAsync(release -> release, lanes.executor());
    }

    private void ended(Exchange exchange, AsyncCallback callback, DriveReport report) {
        DriveBoard board = context.getRegistry().lookupByNameAndType(DriveBoard.BEAN, DriveBoard.class);
        if (board != null) {
            board.ended(report);
        }
        DriveMetrics.endedUndriven(context, report.outcome());
        exchange.getMessage().setBody(report);
        callback.done(false);
    }

    private CompletableFuture<Exchange> drive(Exchange exchange) {
        if (context.isStopping()) {
            // not started before the shutdown: it stays in the inbox, not failed
            String file = exchange.getMessage().getHeader(AvatarDriveConstants.CLIP_NAME, "clip", String.class);
            exchange.getMessage().setBody(new FailureReport(file, exchange.getMessage().getHeader(
                    AvatarDriveConstants.TASK_ID, defaultTaskId, String.class), Stage.READ, null, null, null,
                    file + ": not driven, the pipeline is shutting down"));
            return CompletableFuture.completedFuture(exchange);
        }
        // a copy: the drive's error handling (retries, then the failure report) ends the copy's routing, not the
        // folder's, which goes on to file the outcome
        Exchange drive = exchange.copy();
        return producer.processAsync(drive).thenApply(done -> {
            exchange.getMessage().setBody(drive.getMessage().getBody());
            if (drive.getException() != null) {
                exchange.setException(drive.getException());
            }
            return exchange;
        });
    }

    @Override
    protected void doStart() throws Exception {
        TaskClaims shared = context.getRegistry().lookupByNameAndType(TaskClaims.BEAN, TaskClaims.class);
        claims = shared != null ? shared : TaskClaims.LOCAL;
        producer = context.getEndpoint(endpointUri).createAsyncProducer();
        ServiceHelper.startService(producer);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(producer);
    }
}
