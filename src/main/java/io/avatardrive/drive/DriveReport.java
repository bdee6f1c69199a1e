package io.avatardrive.drive;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** What an operator reads beside a driven clip: which backend and drive spoke it, how much audio, and how well it was paced. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "file", "taskId", "backend", "driveId", "sampleRate", "bytes", "audioMs", "chunks", "startedAt",
        "finishedAt", "wallMs", "maxLeadMs", "speaker", "conversion" })
public record DriveReport(
        // the clip's name (a file name, or a message's ClipName); "file" in the report an operator reads
        @JsonProperty("file") String clipName,
        String taskId,
        String backend,
        String driveId,
        int sampleRate,
        long bytes,
        long audioMs,
        long chunks,
        String startedAt,
        String finishedAt,
        long wallMs,
        long maxLeadMs,
        String speaker,
        String conversion) implements DriveOutcome {

    @Override
    public boolean succeeded() {
        return true;
    }
}
