package io.avatardrive.drive;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.avatardrive.vendor.Retry;

/** What an operator reads beside a clip that could not be spoken: where it failed, the vendor's code if any, and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "outcome", "file", "taskId", "stage", "vendor", "code", "vendorMessage", "reason" })
@JsonIgnoreProperties(ignoreUnknown = true)
public record FailureReport(
        // the clip's name (a file name, or a message's ClipName); "file" in the report an operator reads
        @JsonProperty("file") String clipName,
        String taskId,
        Stage stage,
        String vendor,
        Long code,
        String vendorMessage,
        String reason,
        // what the vendor's code implies for another try, when the report carries one; null: the stage decides
        @JsonIgnore Retry retry) implements DriveOutcome {

    /** A failure with no vendor code to classify: whether to try again follows from its stage. */
    public FailureReport(String clipName, String taskId, Stage stage, String vendor, Long code, String vendorMessage,
                         String reason) {
        this(clipName, taskId, stage, vendor, code, vendorMessage, reason, null);
    }

    @Override
    public boolean succeeded() {
        return false;
    }

    /** Always {@link Outcome#FAILED}: in the JSON so that every report can be read the same way. */
    @JsonProperty("outcome")
    public Outcome outcome() {
        return Outcome.FAILED;
    }

    /** Whether trying the same clip again may succeed: see {@link FailureClassifier}. */
    @JsonIgnore
    public boolean isTransient() {
        return FailureClassifier.of(this) != Retry.NEVER;
    }
}
