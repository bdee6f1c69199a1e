package io.avatardrive.standin;

import java.util.ArrayList;
import java.util.List;

import io.avatardrive.audio.PcmClip;

/** Everything the SAMI stand-in saw of one conversion: the requests, how much audio went in and out, and when. */
public final class SamiStandInTask {

    private final String id;
    private final List<String> requests = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private PlaybackMeter input;
    private final AudioDigest inputDigest = new AudioDigest();
    private LinearResampler resampler;
    private String speaker;
    private int inputSampleRate;
    private long inputBytes;
    private long outputBytes;
    private long firstOutputAt;
    private long finishedAt;
    private long failedCode = -1;
    private boolean finishRequested;
    private boolean closed;

    SamiStandInTask(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    synchronized void request(String json) {
        requests.add(json);
    }

    synchronized void started(String speaker, int inputSampleRate, LinearResampler resampler) {
        this.speaker = speaker;
        this.inputSampleRate = inputSampleRate;
        this.resampler = resampler;
        this.input = new PlaybackMeter(0);
    }

    /** Takes an input frame and returns it converted, or null if no task is running. */
    synchronized byte[] input(long now, byte[] pcm) {
        if (resampler == null || finishRequested) {
            violations.add("audio " + (resampler == null ? "before TaskStarted" : "after FinishTask"));
            return null;
        }
        inputBytes += pcm.length;
        inputDigest.update(pcm, 0, pcm.length);
        input.onAudio(now, PcmClip.audioNanos(pcm.length, inputSampleRate));
        return resampler.push(pcm);
    }

    synchronized void output(long now, int bytes) {
        if (outputBytes == 0) {
            firstOutputAt = now;
        }
        outputBytes += bytes;
    }

    /** Returns whether the task was running, so that FinishTask may be answered. */
    synchronized boolean finishRequested() {
        if (resampler == null) {
            violations.add("FinishTask before TaskStarted");
            return false;
        }
        finishRequested = true;
        finishedAt = System.nanoTime();
        return true;
    }

    synchronized void failed(long code) {
        failedCode = code;
    }

    synchronized void closed() {
        closed = true;
    }

    /** Every text request in order, as sent (credentials included: the stand-in is local). */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    public synchronized String speaker() {
        return speaker;
    }

    public synchronized int inputSampleRate() {
        return inputSampleRate;
    }

    public synchronized long inputBytes() {
        return inputBytes;
    }

    /** SHA-256 of the input audio, to check it arrived byte for byte. */
    public String inputSha256() {
        return inputDigest.hex();
    }

    public synchronized long outputBytes() {
        return outputBytes;
    }

    /** How far the input ran ahead of real time: the sender's pacing as SAMI saw it. */
    public synchronized long inputMaxLeadMs() {
        return input == null ? 0 : input.maxLeadMs();
    }

    public synchronized long firstOutputAtNanos() {
        return firstOutputAt;
    }

    /** When FinishTask came (0 if it never did): the conversion cannot have finished before it. */
    public synchronized long finishedAtNanos() {
        return finishedAt;
    }

    public synchronized long failedCode() {
        return failedCode;
    }

    public synchronized boolean ended() {
        return closed || finishRequested || failedCode >= 0;
    }
}
