package io.avatardrive.drive;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** What an operator reads beside a clip that could not be spoken: where it failed, the vendor's code if any, and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "outcome", "file", "taskId", "stage", "vendor", "code", "vendorMessage", "reason" })
public record FailureReport(
        // the clip's name (a file name, or a message's ClipName); "file" in the report an operator reads
        @JsonProperty("file") String clipName,
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

    /** Always {@link Outcome#FAILED}: in the JSON so that every report can be read the same way. */
    @JsonProperty("outcome")
    public Outcome outcome() {
        return Outcome.FAILED;
    }

    /** The vendor whose code a report carries. */
    public static final String ZEGO = "zego";
    public static final String VOLC_TTA = "volc-tta";
    public static final String SAMI = "sami";

    /** Whether trying the same clip again may succeed: see {@link FailureClassifier}. */
    @JsonIgnore
    public boolean isTransient() {
        return FailureClassifier.of(this) != FailureClassifier.Retry.NEVER;
    }
}
