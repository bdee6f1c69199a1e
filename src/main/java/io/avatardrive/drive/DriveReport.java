package io.avatardrive.drive;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** What an operator reads beside a driven clip: which backend and drive spoke it, how much audio, and how well it was paced. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "file", "taskId", "backend", "driveId", "sampleRate", "bytes", "audioMs", "chunks", "startedAt",
        "finishedAt", "wallMs", "maxLeadMs", "speaker", "conversion" })
public record DriveReport(
        String file,
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
