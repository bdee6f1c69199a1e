package io.avatardrive.route;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

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
}
