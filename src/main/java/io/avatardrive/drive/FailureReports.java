package io.avatardrive.drive;

import io.avatardrive.audio.AudioCut;
import io.avatardrive.audio.AudioFormatProblem;
import io.avatardrive.audio.StreamStalled;
import io.avatardrive.settings.DriveSettings;
import io.avatardrive.settings.Redactor;
import io.avatardrive.text.TextProblem;
import io.avatardrive.vendor.Retry;
import io.avatardrive.vendor.VendorException;
import io.avatardrive.vendor.VoiceFailure;
import org.apache.camel.Exchange;

/**
 * How a drive that did not end well is reported: cut short on purpose (interrupted, its live audio cut), or failed at
 * a stage, for a reason an operator can act on, with the vendor's code and no secret in it.
 */
final class FailureReports {

    private FailureReports() {
    }

    /** The failure of the exchange's drive (or of its clip, if it never became one) as a report. */
    static FailureReport failure(Exchange exchange, ActiveDrive drive, Exception cause) {
        DriveSettings settings = DriveResources.settings(exchange);
        Redactor redactor = settings.redactor();
        String file = drive != null ? drive.clipName() : exchange.getMessage().getHeader(AvatarDriveConstants.CLIP_NAME, "clip", String.class);
        String taskId = drive != null ? drive.taskId() : exchange.getMessage().getHeader(AvatarDriveConstants.TASK_ID,
                settings.taskId(), String.class);
        Stage stage = exchange.getProperty(AvatarDriveConstants.STAGE, Stage.READ, Stage.class);
        Long code = null;
        String vendorMessage = null;
        String vendor = drive != null ? drive.backend().name() : null;
        Retry retry = null;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof DriveFailure failure) {
                stage = failure.stage();
                break;
            }
            if (t instanceof VendorException answer) {
                if (answer instanceof VoiceFailure) {
                    stage = Stage.VOICE;
                }
                code = answer.getCode();
                vendorMessage = answer.getVendorMessage();
                vendor = answer.getVendor();
                retry = answer.retry();
                break;
            }
            if (t instanceof AudioFormatProblem || t instanceof TextProblem) {
                stage = Stage.DECODE;
                break;
            }
            if (t instanceof VoiceFailure) {
                stage = Stage.VOICE;
                break;
            }
        }
        String reason = redactor.redact(describe(cause, stage));
        if (!reason.contains(file)) {
            reason = file + ": " + reason;
        }
        return new FailureReport(file, taskId, stage, vendor, code, redactor.redact(vendorMessage), reason, retry);
    }

    /**
     * A drive that ended early on purpose rather than failing: interrupted for its task, or live audio cut (its
     * producer stopped, or a shutdown came). Its report says so, with the audio actually sent; null for a failure.
     */
    static DriveReport cutShort(ActiveDrive drive, Throwable cause) {
        RuntimeException cancellation = drive.cancellation();
        if (cancellation instanceof DriveInterrupted) {
            return drive.report(Outcome.INTERRUPTED, cancellation.getMessage());
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof AudioCut) {
                return drive.report(Outcome.CUT, drive.clipName() + ": " + t.getMessage());
            }
        }
        if (cancellation != null && drive.live()) {
            return drive.report(Outcome.CUT, drive.clipName() + ": " + cancellation.getMessage());
        }
        return null;
    }

    /** Our own failures say what they mean; anything else gets the stage's words and its root cause. */
    private static String describe(Throwable cause, Stage stage) {
        if (cause == null) {
            return "unknown failure";
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof DriveFailure || t instanceof VendorException || t instanceof AudioFormatProblem
                || t instanceof TextProblem || t instanceof VoiceFailure || t instanceof StreamStalled) {
                return t.getMessage();
            }
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootText = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return switch (stage) {
            case API -> "the avatar's API call failed (" + rootText + ")";
            case CONNECT -> "could not connect the drive socket (" + rootText + ")";
            case VOICE -> "the voice conversion failed (" + rootText + ")";
            case STREAM -> "the drive socket failed while streaming (" + rootText + ")";
            default -> rootText;
        };
    }
}
