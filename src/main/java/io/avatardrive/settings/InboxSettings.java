package io.avatardrive.settings;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the watched folder decides that a clip is complete, retries a failed drive, and remembers what it spoke.
 *
 * @param settleMs            how long raw PCM, or a WAV whose header gives no length, must stay unchanged to be taken
 * @param incompleteTimeoutMs how long a WAV shorter than its header may stay so before it goes to error/
 * @param drivenClips         the file that remembers clips spoken but not yet filed
 * @param maxRedeliveries     retries of a transient failure (their delays are the routes' redelivery policy's)
 * @param taskFolderIdleMs    how long a task folder stays empty before it is removed
 * @param pollDelayMs         how often the folder is polled (routes/inbox.yaml's file endpoint), checked here
 */
public record InboxSettings(long settleMs, long incompleteTimeoutMs, Path drivenClips, int maxRedeliveries,
                            long taskFolderIdleMs, long pollDelayMs) {

    public static InboxSettings from(Function<String, Optional<String>> lookup) {
        DriveSettings.Reader r = new DriveSettings.Reader(lookup);
        InboxSettings settings = new InboxSettings(
                r.number("drive.settle-ms", 2000, 0),
                r.number("drive.incomplete-timeout-ms", 30_000, 1),
                r.path("drive.driven-clips", "data/driven-clips.log"),
                r.nonNegative("drive.max-redeliveries", 3),
                r.number("drive.task-folder-idle-ms", 600_000, 1),
                r.positive("drive.poll-delay-ms", 100));
        r.failIfProblems();
        return settings;
    }
}
