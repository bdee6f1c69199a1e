package io.avatardrive.drive;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.avatardrive.sami.SamiCodes;
import io.avatardrive.volc.VolcCodes;
import io.avatardrive.zego.ZegoReturnCodes;

/** What an operator reads beside a clip that could not be spoken: where it failed, the vendor's code if any, and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "file", "taskId", "stage", "vendor", "code", "vendorMessage", "reason" })
public record FailureReport(
        String file,
        String taskId,
        Stage stage,
        String vendor,
        Long code,
        String vendorMessage,
        String reason) implements DriveOutcome {

    @Override
    public boolean succeeded() {
        return false;
    }

    /** The vendor whose code a report carries. */
    public static final String ZEGO = "zego";
    public static final String VOLC_TTA = "volc-tta";
    public static final String SAMI = "sami";

    /** Whether trying the same clip again later may succeed: the vendor was busy, or the network failed. */
    @JsonIgnore
    public boolean isTransient() {
        if (code != null) {
            return switch (vendor == null ? ZEGO : vendor) {
                case VOLC_TTA -> VolcCodes.isTransient(code);
                case SAMI -> SamiCodes.isTransient(code);
                default -> ZegoReturnCodes.isTransient(code);
            };
        }
        return switch (stage) {
            case API, CONNECT, STREAM, VOICE -> true;
            default -> false;
        };
    }
}
