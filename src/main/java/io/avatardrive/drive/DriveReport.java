package io.avatardrive.drive;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What an operator reads beside a clip that was spoken, or deliberately not: how it ended, which backend and drive
 * spoke it, how much audio, and how well it was paced; for live audio also how fast it started and how long the avatar
 * waited for audio; for words the avatar said itself, how many characters. Audio figures a drive never had (no audio
 * sent) are left out rather than given as zero.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "outcome", "file", "taskId", "backend", "driveId", "input", "characters", "sampleRate", "bytes",
        "audioMs", "chunks", "startedAt", "finishedAt", "wallMs", "maxLeadMs", "firstPcmMs", "starvedMs", "speaker",
        "conversion", "reason" })
public record DriveReport(
        Outcome outcome,
        // the clip's name (a file name, or a message's ClipName); "file" in the report an operator reads
        @JsonProperty("file") String clipName,
        String taskId,
        String backend,
        String driveId,
        // words only: text or ssml, and the characters said
        String input,
        Integer characters,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int sampleRate,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) long bytes,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) long audioMs,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) long chunks,
        String startedAt,
        String finishedAt,
        long wallMs,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) long maxLeadMs,
        // live audio only: first audio received -> first PCM sent, and time the avatar had nothing to play
        Long firstPcmMs,
        Long starvedMs,
        String speaker,
        String conversion,
        // why a drive was interrupted, superseded or cut
        String reason) implements DriveOutcome {

    /** A clip or utterance an interrupt overtook before it started: never spoken, filed as done with this report. */
    public static DriveReport superseded(String clipName, String taskId, String reason) {
        return new DriveReport(Outcome.SUPERSEDED, clipName, taskId, null, null, null, null, 0, 0, 0, 0, null, null, 0,
                0, null, null, null, null, reason);
    }

    /** A live utterance whose producer went away (or sent nothing in time) before its turn: no vendor call was made. */
    public static DriveReport withdrawn(String clipName, String taskId, String reason) {
        return new DriveReport(Outcome.CUT, clipName, taskId, null, null, null, null, 0, 0, 0, 0, null, null, 0,
                0, null, null, null, null, reason);
    }

    /** Words an avatar said in its own voice (or was stopped saying): no audio went from here. */
    static DriveReport said(Outcome outcome, String clipName, String taskId, String backend, String driveId, String input,
                            int characters, String startedAt, String finishedAt, long wallMs, String reason) {
        return new DriveReport(outcome, clipName, taskId, backend, driveId, input, characters, 0, 0, 0, 0,
                startedAt, finishedAt, wallMs, 0, null, null, null, null, reason);
    }

    @Override
    public boolean succeeded() {
        return true;
    }
}
