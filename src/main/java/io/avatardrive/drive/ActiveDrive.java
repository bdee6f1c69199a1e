package io.avatardrive.drive;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.avatardrive.audio.PacedStream;
import io.avatardrive.audio.Pacer;
import io.avatardrive.audio.PcmClip;
import io.avatardrive.settings.DriveSettings;
import io.avatardrive.settings.Redactor;
import io.avatardrive.text.SpeechText;
import io.avatardrive.vendor.AvatarSession;
import io.avatardrive.vendor.SocketClients;
import io.avatardrive.vendor.SpeakingSession;

/**
 * One drive's state as it moves down the route: the clip (audio, or words an avatar says itself), its backend and
 * ticket, its session, and what has been sent so far.
 */
final class ActiveDrive {

    private final String clipName;
    private final String taskId;
    /** The audio, or null for a text drive. */
    private final PcmClip clip;
    /** The words, or null for an audio drive. */
    private final SpeechText text;
    private final DriveSettings settings;
    private final AvatarBackend backend;
    private final String speaker;
    private final Pacer pacer;
    private Object ticket;
    /** Read by an interrupt, from any thread. */
    private volatile AvatarSession session;
    private volatile boolean started;
    private String driveId;
    /** Null for a text drive. */
    private final SentAudio sent;
    private Instant startedAt;
    /** Live audio: when its first piece came; the start of firstPcmMs. */
    private final LongSupplier receivedAt;
    private volatile PacedStream stream;
    private volatile boolean stopsWhenCut;
    /** A text drive whose voice_end never came: why its report cannot say it was all said. */
    private String unconfirmed;

    /**
     * @param receivedAt for live audio, when its first piece arrived ({@link System#nanoTime()}); null for a clip that
     *                   was whole before its drive began
     */
    ActiveDrive(String clipName, String taskId, PcmClip clip, DriveSettings settings, AvatarBackend backend,
                String speaker, LongSupplier receivedAt) {
        this(clipName, taskId, clip, null, settings, backend, speaker, receivedAt);
    }

    /** A drive of words, said in the avatar's own voice. */
    ActiveDrive(String clipName, String taskId, SpeechText text, DriveSettings settings, AvatarBackend backend) {
        this(clipName, taskId, null, text, settings, backend, "", null);
    }

    private ActiveDrive(String clipName, String taskId, PcmClip clip, SpeechText text, DriveSettings settings,
                        AvatarBackend backend, String speaker, LongSupplier receivedAt) {
        this.clipName = clipName;
        this.taskId = taskId;
        this.clip = clip;
        this.text = text;
        this.settings = settings;
        this.backend = backend;
        this.speaker = speaker;
        this.receivedAt = receivedAt;
        this.sent = clip == null ? null : new SentAudio(clipName, taskId, clip);
        this.pacer = new Pacer(settings.leadMs());
    }

    boolean live() {
        return receivedAt != null;
    }

    boolean started() {
        return started;
    }

    String clipName() {
        return clipName;
    }

    String taskId() {
        return taskId;
    }

    DriveSettings settings() {
        return settings;
    }

    Redactor redactor() {
        return settings.redactor();
    }

    AvatarBackend backend() {
        return backend;
    }

    /** How long a chunk is on this backend. */
    int chunkMs() {
        return backend.chunkMs(settings);
    }

    PcmClip clip() {
        return clip;
    }

    /** The words of a text drive, or null for audio. */
    SpeechText text() {
        return text;
    }

    boolean isText() {
        return text != null;
    }

    String driveId() {
        return driveId;
    }

    void ticket(Object ticket) {
        this.ticket = ticket;
    }

    /** The backend's session for this drive, not yet open. */
    AvatarSession session(SocketClients clients) {
        return backend.session(new AvatarBackend.SessionRequest(clients, settings, clipName,
                isText() ? 0 : clip.sampleRate(), isText(), ticket));
    }

    /** Opens the avatar's session (its Start); nothing else may be sent before it. */
    void start(AvatarSession session) throws Exception {
        this.session = session;
        this.driveId = session.driveId();
        this.startedAt = Instant.now();
        session.open();
        started = true;
    }

    /** The paced stream of this drive's audio to its avatar session. */
    PacedStream stream(Executor workers) {
        stream = new PacedStream(clip, backend.chunker(clip, settings), pacer, new PacedStream.Sink() {
            @Override
            public CompletableFuture<Void> write(byte[] chunk, boolean last) {
                return session.audio(chunk, last);
            }

            @Override
            public void written(int chunkBytes) {
                sent.written(chunkBytes);
            }
        }, session.context(), workers, settings.stallTimeoutMs(), "the drive socket");
        if (pacer.cancelled()) {
            stream.cancelled();
        }
        return stream;
    }

    /**
     * A text drive's speech: the words in one frame, then the avatar's voice_end. An interrupt that came first, or
     * while it spoke, is thrown as this drive's cancellation, once the avatar was told to stop.
     */
    void speak() throws Exception {
        if (cancellation() != null) {
            throw cancellation();
        }
        SpeakingSession speaking = (SpeakingSession) session;
        long timeoutMs = speaking.speechTimeoutMs(text.characters());
        SpeakingSession.SpeechEnd end = speaking.say(text.text(), timeoutMs);
        if (end == SpeakingSession.SpeechEnd.INTERRUPTED) {
            throw cancellation();
        }
        if (end == SpeakingSession.SpeechEnd.UNCONFIRMED) {
            unconfirmed = clipName + ": no voice_end from the avatar within " + timeoutMs
                          + " ms; the words were sent once, not again";
        }
    }

    /** Ends the session if it opened (its Stop), then closes it; the end is what lets the avatar finish speaking. */
    void stop() throws Exception {
        if (session == null) {
            return;
        }
        // an interrupted drive (the process is stopping) must still send Stop, or the avatar waits for more audio
        boolean interrupted = Thread.interrupted();
        try {
            if (started) {
                session.end();
            }
        } finally {
            session.close();
            session = null;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Cuts the stream short at its next chunk, or at once if it waits for live audio; Stop still follows. */
    void cancel(RuntimeException why) {
        pacer.cancel(why);
        PacedStream s = stream;
        if (s != null) {
            s.cancelled();
            stopAtOnce();
        }
        // words being said are stopped by the avatar itself (|CTL|03|); the pacer above holds the reason
        if (isText() && session instanceof SpeakingSession speaking) {
            speaking.interruptSpeech();
        }
    }

    /**
     * A drive whose audio nobody records as driven before its Stop (a live utterance) sends Stop right behind its last
     * written chunk, on the connection's event loop: the avatar falls silent without waiting for a thread, however
     * many drives the same interrupts are starting. A recorded clip keeps its order: record, then Stop.
     */
    private void stopAtOnce() {
        AvatarSession open = session;
        if (stopsWhenCut && started && open != null && open.context() != null) {
            open.context().runOnContext(v -> open.endNow());
        }
    }

    /** Marks a drive that no ingress records as driven before its Stop: when cut, it stops at once. */
    void stopsWhenCut() {
        stopsWhenCut = true;
    }

    /** An interrupt for this drive's task: cut short, reported interrupted. */
    void interrupt(String reason) {
        cancel(new DriveInterrupted(reason));
    }

    /** Why the drive was cut short before or while streaming, or null. */
    RuntimeException cancellation() {
        return pacer.cancellation();
    }

    /** Releases the socket and the clip, whatever state the drive is in. */
    void release() {
        try {
            AvatarSession s = session;
            if (s != null) {
                s.close();
            }
            if (clip != null) {
                clip.close();
            }
        } catch (Exception ignored) {
            // nothing is left to send on a drive that is being abandoned
        }
    }

    /** Where the drive is, for the console: audio sent and in all, and how far the avatar is ahead of real time. */
    DriveProgress progress() {
        if (isText()) {
            long elapsedMs = startedAt == null ? 0 : Duration.between(startedAt, Instant.now()).toMillis();
            return new DriveProgress(taskId, clipName, backend.name(), driveId, 0, elapsedMs, null, 0, 0, elapsedMs);
        }
        long now = System.nanoTime();
        long sentMs = sent.sentMs();
        long expected = clip.expectedBytes();
        long elapsedMs = startedAt == null ? 0 : Duration.between(startedAt, Instant.now()).toMillis();
        return new DriveProgress(taskId, clipName, backend.name(), driveId, clip.sampleRate(), sentMs,
                expected < 0 ? null : TimeUnit.NANOSECONDS.toMillis(clip.audioNanos(expected)),
                sent.firstAt() < 0 ? 0 : sentMs - TimeUnit.NANOSECONDS.toMillis(now - sent.firstAt()),
                settings.leadMs() + chunkMs(), elapsedMs);
    }

    /** The report of a drive that ended as {@code outcome}; the reason says why one was cut short. */
    DriveReport report(Outcome outcome, String reason) {
        Instant finishedAt = Instant.now();
        Instant began = startedAt != null ? startedAt : finishedAt;
        if (isText()) {
            return DriveReport.said(outcome, clipName, taskId, backend.name(), driveId, text.kind().label(), text.characters(),
                    began.toString(), finishedAt.toString(), Duration.between(began, finishedAt).toMillis(),
                    reason != null ? reason : unconfirmed);
        }
        long from = live() ? receivedAt.getAsLong() : -1;
        Long firstPcmMs = sent.firstAt() < 0 || from < 0 ? null
                : TimeUnit.NANOSECONDS.toMillis(Math.max(0, sent.firstAt() - from));
        Long starvedMs = live() ? pacer.starvedMs() : null;
        return new DriveReport(outcome, clipName, taskId, backend.name(), driveId, null, null, clip.sampleRate(),
                sent.bytes(), sent.sentMs(), sent.chunks(), began.toString(), finishedAt.toString(),
                Duration.between(began, finishedAt).toMillis(), pacer.maxLeadMs(), firstPcmMs, starvedMs,
                speaker.isEmpty() ? null : speaker, clip.conversion(), reason);
    }
}
