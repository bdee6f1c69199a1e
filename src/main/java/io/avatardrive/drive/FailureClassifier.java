package io.avatardrive.drive;

import io.avatardrive.sami.SamiCodes;
import io.avatardrive.volc.VolcCodes;
import io.avatardrive.zego.ZegoReturnCodes;
import org.apache.camel.Exchange;

/**
 * One answer, for the folder and the queue alike, to what a failed drive deserves: another try after a back-off (the
 * vendor was busy, the network failed), another try at once with a fresh signature (it expired), or none (the clip or
 * the account is at fault, and trying again would fail the same way).
 */
public final class FailureClassifier {

    /** What to do with a failed drive. */
    public enum Retry {
        /** Permanent: file it, or dead-letter it, at once. */
        NEVER,
        /** Transient: drive it again from the start after a back-off. */
        LATER,
        /** Only the signature was stale: drive it again at once. */
        AT_ONCE
    }

    private FailureClassifier() {
    }

    public static Retry of(FailureReport failure) {
        Long code = failure.code();
        if (code != null) {
            String vendor = failure.vendor() == null ? FailureReport.ZEGO : failure.vendor();
            return switch (vendor) {
                case FailureReport.VOLC_TTA -> VolcCodes.isTransient(code) ? Retry.LATER : Retry.NEVER;
                case FailureReport.SAMI -> SamiCodes.isTransient(code) ? Retry.LATER : Retry.NEVER;
                default -> code == ZegoReturnCodes.SIGNATURE_EXPIRED ? Retry.AT_ONCE
                        : ZegoReturnCodes.isTransient(code) ? Retry.LATER : Retry.NEVER;
            };
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
