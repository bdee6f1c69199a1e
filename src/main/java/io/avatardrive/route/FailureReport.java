package io.avatardrive.route;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.avatardrive.zego.ZegoReturnCodes;

/** What an operator reads beside a clip that could not be spoken: where it failed, the vendor's code if any, and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "file", "taskId", "stage", "code", "vendorMessage", "reason" })
public record FailureReport(
        String file,
        String taskId,
        Stage stage,
        Long code,
        String vendorMessage,
        String reason) implements DriveOutcome {

    @Override
    public boolean succeeded() {
        return false;
    }

    /** Whether trying the same clip again later may succeed: the vendor was busy, or the network failed. */
    @JsonIgnore
    public boolean isTransient() {
        return switch (stage) {
            case CONNECT, STREAM -> true;
            case API -> code == null || ZegoReturnCodes.isTransient(code);
            default -> false;
        };
    }
}
