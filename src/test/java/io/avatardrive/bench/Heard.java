package io.avatardrive.bench;

import io.avatardrive.standin.StandInDrive;

/** What the stand-in heard of one drive, as the benchmark needs it, whichever process the stand-in runs in. */
record Heard(String taskId, String driveId, long issuedAt, long connectedAt, long closedAt, boolean completed,
             int violations, long underruns, long stallMs, long maxLeadMs, long audioMs, long firstAudioAt,
             double wallOverAudio, long stoppedAt) {

    static Heard of(StandInDrive d) {
        return new Heard(d.taskId(), d.driveId(), d.issuedAtNanos(), d.connectedAtNanos(), d.closedAtNanos(),
                d.completed(), d.violations().size(), d.playback().underruns(), d.playback().stallMs(),
                d.playback().maxLeadMs(), d.playback().audioMs(), d.playback().firstAudioAtNanos(),
                d.playback().wallOverAudio(), d.stoppedAtNanos());
    }
}
