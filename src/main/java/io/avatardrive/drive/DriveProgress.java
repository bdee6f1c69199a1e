package io.avatardrive.drive;

/**
 * One drive in flight as the console shows it.
 *
 * @param sentMs      audio sent so far
 * @param totalMs     the clip's whole audio, or null for live audio whose end is not known
 * @param leadMs      how far the audio sent is ahead of real time (the pacing plot's value)
 * @param leadLimitMs the most it may be: lead + one chunk
 * @param elapsedMs   time since Start
 */
public record DriveProgress(String taskId, String clipName, String backend, String driveId, int sampleRate, long sentMs,
                            Long totalMs, long leadMs, long leadLimitMs, long elapsedMs) {
}
