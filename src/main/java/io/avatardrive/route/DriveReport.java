package io.avatardrive.route;


import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** What an operator reads beside a driven clip: which drive spoke it, how much audio, and how well it was paced. */
@JsonPropertyOrder({ "file", "taskId", "driveId", "sampleRate", "bytes", "audioMs", "chunks", "startedAt", "finishedAt",
        "wallMs", "maxLeadMs" })
public record DriveReport(
        String file,
        String taskId,
        String driveId,
        int sampleRate,
        long bytes,
        long audioMs,
        long chunks,
        String startedAt,
        String finishedAt,
        long wallMs,
        long maxLeadMs) implements DriveOutcome {

    @Override
    public boolean succeeded() {
        return true;
    }
}
