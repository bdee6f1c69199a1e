package io.avatardrive.drive;

import io.avatardrive.vendor.Retry;
import org.apache.camel.Exchange;

/**
 * One answer, for the folder and the queue alike, to what a failed drive deserves: another try after a back-off (the
 * vendor was busy, the network failed), another try at once with a fresh signature (it expired), or none (the clip or
 * the account is at fault, and trying again would fail the same way).
 */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static Retry of(FailureReport failure) {
        if (failure.retry() != null) {
            return failure.retry();
        }
        return switch (failure.stage()) {
            case API, CONNECT, STREAM, VOICE -> Retry.LATER;
            case READ, DECODE, SIGN -> Retry.NEVER;
        };
    }

    /**
     * The question both ingresses' redelivery policies ask after a failed attempt ({@code retryWhile}): drive it again?
     * Yes for what may work later, up to {@code maxRedeliveries} times, unless the pipeline is stopping; an expired
     * signature with no delay (Camel's per-exchange {@link Exchange#REDELIVERY_DELAY}), anything else after the policy's
     * back-off.
     */
    public static boolean redeliver(Exchange exchange, int maxRedeliveries) {
        DriveFailedException failed = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, DriveFailedException.class);
        // Camel counts the attempt that just failed before asking: 1 after the first failure
        int attempt = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        Retry retry = failed == null ? Retry.NEVER : of(failed.report());
        if (retry == Retry.AT_ONCE && attempt <= maxRedeliveries && !exchange.getContext().isStopping()) {
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, 0L);
            return true;
        }
        exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        return retry == Retry.LATER && attempt <= maxRedeliveries && !exchange.getContext().isStopping();
    }
}
