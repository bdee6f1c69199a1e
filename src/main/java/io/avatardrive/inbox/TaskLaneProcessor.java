package io.avatardrive.inbox;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.avatardrive.drive.AvatarDriveConstants;
import io.avatardrive.drive.DriveReport;
import io.avatardrive.drive.FailureClassifier;
import io.avatardrive.drive.FailureReport;
import io.avatardrive.drive.Stage;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each exchange to its TaskId's lane and runs the given endpoint there; the exchange continues down its own route
 * once that is done, so an ingress keeps its own completion (file move, acknowledgement) tied to the finished drive.
 * A drive that failed transiently (busy, rate-limited, expired signature, socket refused, dropped or stalled) is driven
 * again from the start, with a new DriveId, up to {@code maxRetries} times, with back-off; its task waits meanwhile,
 * so order is kept.
 */
public class TaskLaneProcessor extends AsyncProcessorSupport {

    private static final Logger LOG = LoggerFactory.getLogger(TaskLaneProcessor.class);
    private static final long MAX_BACK_OFF_MS = 30_000;

    private final CamelContext context;
    private final TaskLanes lanes;
    private final String defaultTaskId;
    private final String endpointUri;
    private final int maxRetries;
    private final long firstBackOffMs;
    private final DrivenClipLog driven;
    private final Executor retryExecutor;
    private AsyncProducer producer;

    /**
     * @param retryExecutor where a retried drive starts (its synchronous part runs there)
     */
    public TaskLaneProcessor(CamelContext context, TaskLanes lanes, String defaultTaskId, String endpointUri,
                             int maxRetries, long firstBackOffMs, DrivenClipLog driven, Executor retryExecutor) {
        this.retryExecutor = retryExecutor;
        this.driven = driven;
        this.context = context;
        this.lanes = lanes;
        this.defaultTaskId = defaultTaskId;
        this.endpointUri = endpointUri;
        this.maxRetries = maxRetries;
        this.firstBackOffMs = firstBackOffMs;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        String task = exchange.getMessage().getHeader(AvatarDriveConstants.TASK_ID, defaultTaskId, String.class);
        lanes.submit(task, () -> driveWithRetries(exchange).whenComplete((v, failure) -> {
            if (failure != null) {
                exchange.setException(failure);
            }
            callback.done(false);
        }));
        return false;
    }

    private CompletableFuture<Void> driveWithRetries(Exchange exchange) {
        Object clip = exchange.getMessage().getBody();
        if (context.isStopping()) {
            // not started before the shutdown: it is handed back to the inbox, not failed
            String file = exchange.getMessage().getHeader(AvatarDriveConstants.CLIP_NAME, "clip", String.class);
            exchange.getMessage().setBody(new FailureReport(file, exchange.getMessage().getHeader(AvatarDriveConstants.TASK_ID,
                    defaultTaskId, String.class), Stage.READ, null, null, null, file + ": not driven, the pipeline is shutting down"));
            return CompletableFuture.completedFuture(null);
        }
        String key = DrivenClipLog.key(exchange.getMessage());
        Optional<DriveReport> earlier = driven.find(key);
        if (earlier.isPresent()) {
            LOG.warn("{} was already driven (DriveId {}) before a restart; filing it without speaking it again",
                    earlier.get().file(), earlier.get().driveId());
            exchange.getMessage().setBody(earlier.get());
            return CompletableFuture.completedFuture(null);
        }
        return attempt(exchange, clip, key, 0);
    }

    /** One drive of the clip; a transient failure schedules the next attempt, on a timer, not a sleeping thread. */
    private CompletableFuture<Void> attempt(Exchange exchange, Object clip, String key, int retry) {
        exchange.getMessage().setBody(clip);
        exchange.removeProperty(Exchange.EXCEPTION_CAUGHT);
        return producer.processAsync(exchange).thenCompose(done -> {
            if (exchange.getMessage().getBody() instanceof DriveReport report) {
                driven.record(key, report);
                return CompletableFuture.completedFuture(null);
            }
            if (!(exchange.getMessage().getBody() instanceof FailureReport failure) || retry >= maxRetries
                || context.isStopping()) {
                return CompletableFuture.completedFuture(null);
            }
            FailureClassifier.Retry again = FailureClassifier.of(failure);
            if (again == FailureClassifier.Retry.NEVER) {
                return CompletableFuture.completedFuture(null);
            }
            long delay = again == FailureClassifier.Retry.AT_ONCE ? 0 : Math.min(MAX_BACK_OFF_MS, firstBackOffMs << retry);
            LOG.warn("{}: driving it again from the start with a new DriveId in {} ms (retry {} of {}) after: {}",
                    failure.file(), delay, retry + 1, maxRetries, failure.reason());
            Executor later = CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, retryExecutor);
            return CompletableFuture.supplyAsync(() -> attempt(exchange, clip, key, retry + 1), later)
                    .thenCompose(next -> next);
        });
    }

    @Override
    protected void doStart() throws Exception {
        producer = context.getEndpoint(endpointUri).createAsyncProducer();
        ServiceHelper.startService(producer);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(producer);
    }
}
