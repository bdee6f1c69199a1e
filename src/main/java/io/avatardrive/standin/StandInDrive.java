package io.avatardrive.standin;

import java.util.ArrayList;
import java.util.List;

import io.avatardrive.audio.PcmClip;

/** Everything the stand-in saw of one DriveId: the frames in order, the audio's digest, its playback, and any protocol breach. */
public final class StandInDrive {

    public enum State { ISSUED, CONNECTED, STARTED, STOPPED, CLOSED }

    private final String driveId;
    private final String taskId;
    private final AudioDigest digest = new AudioDigest();
    private final PlaybackMeter meter;
    private final LatenessLog lateness;
    private final List<String> violations = new ArrayList<>();
    private final List<String> frames = new ArrayList<>();
    private State state = State.ISSUED;
    private int sampleRate;
    private long bytes;
    private long binaryFrames;
    private final long issuedAt = System.nanoTime();
    private long connectedAt;
    private long closedAt;
    private long stoppedAt;
    private boolean stopped;

    StandInDrive(String driveId, String taskId, PlaybackMeter meter, LatenessLog lateness) {
        this.driveId = driveId;
        this.taskId = taskId;
        this.meter = meter;
        this.lateness = lateness;
    }

    synchronized boolean connect(long now) {
        if (state != State.ISSUED) {
            violations.add("a second connection for DriveId " + driveId);
            return false;
        }
        state = State.CONNECTED;
        connectedAt = now;
        return true;
    }

    synchronized void start(String frameDriveId, Integer rate) {
        frames.add("Start");
        if (state != State.CONNECTED) {
            violations.add("Start in state " + state);
        }
        if (!driveId.equals(frameDriveId)) {
            violations.add("Start names DriveId " + frameDriveId);
        }
        sampleRate = rate == null ? 16000 : rate;
        if (sampleRate != 16000 && sampleRate != 24000) {
            violations.add("SampleRate " + sampleRate + " is not 16000 or 24000");
        }
        state = State.STARTED;
    }

    /** A binary frame of PCM, read where it lies: a thousand drives' audio is not copied again just to be counted. */
    synchronized void audio(long now, java.nio.ByteBuffer pcm) {
        int length = pcm.remaining();
        if (binaryFrames++ == 0) {
            frames.add("audio");
        }
        if (state != State.STARTED) {
            violations.add("audio in state " + state);
            return;
        }
        if (length % 2 != 0) {
            violations.add("a frame of " + length + " bytes splits a sample");
        }
        digest.update(pcm);
        bytes += length;
        long late = meter.onAudio(now, PcmClip.audioNanos(length, sampleRate));
        if (late != Long.MIN_VALUE) {
            lateness.add(now, late);
        }
    }

    synchronized void stop(long now, String frameDriveId) {
        frames.add("Stop");
        if (state != State.STARTED) {
            violations.add("Stop in state " + state);
        }
        if (!driveId.equals(frameDriveId)) {
            violations.add("Stop names DriveId " + frameDriveId);
        }
        stopped = true;
        stoppedAt = now;
        meter.onStop(now);
        state = State.STOPPED;
    }

    synchronized void violation(String what) {
        violations.add(what);
    }

    synchronized void close(long now) {
        if (!stopped) {
            violations.add("closed without Stop");
        }
        state = State.CLOSED;
        closedAt = now;
    }

    public String driveId() {
        return driveId;
    }

    public String taskId() {
        return taskId;
    }

    public synchronized State state() {
        return state;
    }

    public synchronized int sampleRate() {
        return sampleRate;
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized long binaryFrames() {
        return binaryFrames;
    }

    /** SHA-256 of all PCM received, to compare with what was sent without keeping the audio. */
    public String sha256() {
        return digest.hex();
    }

    public synchronized List<String> frames() {
        return List.copyOf(frames);
    }

    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    public synchronized boolean completed() {
        return state == State.CLOSED && stopped;
    }

    /** When DriveByWsStream granted this DriveId. */
    public long issuedAtNanos() {
        return issuedAt;
    }

    public synchronized long connectedAtNanos() {
        return connectedAt;
    }

    /** When Stop came ({@link System#nanoTime()}), or 0. */
    public synchronized long stoppedAtNanos() {
        return stoppedAt;
    }

    public synchronized long closedAtNanos() {
        return closedAt;
    }

    public PlaybackMeter playback() {
        return meter;
    }

    @Override
    public synchronized String toString() {
        return "DriveId " + driveId + " task " + taskId + ": " + meter.summary(sampleRate) + ", wall " + meter.wallMs() + " ms"
               + (violations.isEmpty() ? "" : ", violations " + violations);
    }
}
