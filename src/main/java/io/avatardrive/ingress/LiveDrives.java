package io.avatardrive.ingress;

import java.util.concurrent.CompletableFuture;

import io.avatardrive.audio.LiveAudio;
import io.avatardrive.drive.DriveFailedException;
import io.avatardrive.drive.DriveOutcome;
import io.avatardrive.drive.TaskInterrupts;
import io.avatardrive.drive.TaskLaneProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;

/**
 * Starts the drive of a live utterance, whichever ingress it came from: an interrupt first if it barges in, then the
 * drive in its task's lane, reading the audio as it arrives. The drive's report completes the returned stage.
 */
public final class LiveDrives {

    /** The setting a live utterance's gap timeout comes from, as its cut reason names it. */
    public static final String GAP_SETTING = "drive.utterance-gap-ms";

    private final CamelContext context;
    private final TaskLaneProcessor lanes;
    private final TaskInterrupts interrupts;

    /**
     * @param lanes runs the drive template in the utterance's task lane
     */
    public LiveDrives(CamelContext context, TaskLaneProcessor lanes, TaskInterrupts interrupts) {
        this.context = context;
        this.lanes = lanes;
        this.interrupts = interrupts;
    }

    /** Speaks {@code audio} for {@code request}; the stage completes with the report once Stop went out. */
    public CompletableFuture<DriveOutcome> speak(LiveRequest request, LiveAudio audio) {
        if (request.interrupt()) {
            interrupts.interrupt(request.taskId(), request.name());
        }
        Exchange exchange = new DefaultExchange(context);
        request.applyTo(exchange.getMessage());
        exchange.getMessage().setBody(audio);
        CompletableFuture<DriveOutcome> outcome = new CompletableFuture<>();
        lanes.process(exchange, doneSync -> {
            DriveOutcome report = exchange.getException() instanceof DriveFailedException failed ? failed.report()
                    : exchange.getMessage().getBody(DriveOutcome.class);
            if (report == null) {
                outcome.completeExceptionally(exchange.getException() != null ? exchange.getException()
                        : new IllegalStateException(request.name() + ": the drive ended without a report"));
            } else {
                outcome.complete(report);
            }
            // superseded, or the drive is over: pieces still arriving have nowhere to go
            audio.close();
        });
        return outcome;
    }
}
