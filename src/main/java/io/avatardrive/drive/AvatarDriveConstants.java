package io.avatardrive.drive;

/** The names a clip travels with, defined once: message headers an ingress sets, exchange properties the drive keeps. */
public final class AvatarDriveConstants {

    /** The avatar task the clip drives. */
    public static final String TASK_ID = "TaskId";
    /** The clip's name, used in reports and logs. */
    public static final String CLIP_NAME = "ClipName";
    /** The sample rate of raw PCM input. */
    public static final String SAMPLE_RATE = "SampleRate";
    /** The name of the {@link AvatarBackend} that speaks the clip (default drive.backend). */
    public static final String BACKEND = "Backend";
    /** The voice the {@link VoiceStage} converts the clip to before it is spoken (default voice.speaker; empty = its own voice). */
    public static final String SPEAKER = "Speaker";
    /**
     * "pcm" on a stream known to be raw PCM (an HTTP body of type audio/pcm, WebSocket frames): its drive starts
     * without waiting for its first bytes to tell WAV from PCM. "text" or "ssml" on words for an avatar that speaks text to
     * say, whatever the clip's name (a message's ContentType said so).
     */
    public static final String FORMAT = "AvatarDriveFormat";
    /** A message's media type: text/plain or application/ssml+xml make it words rather than audio. */
    public static final String CONTENT_TYPE = "ContentType";
    /**
     * True on a clip that barges in: the task's drive in flight is cut and what of the task waits is superseded, then
     * this clip speaks (see {@link TaskInterrupts}).
     */
    public static final String INTERRUPT = "Interrupt";
    /**
     * An exchange property an ingress may set to a {@link DrivenHook}: called once the clip's last audio went out and
     * before Stop, to record the clip as driven with its report so far, so that a crash after Stop can never make it
     * speak again nor leave it without a report.
     */
    public static final String BEFORE_STOP = "AvatarDriveBeforeStop";

    /** When the exchange arrived at its task's lane ({@link System#nanoTime()}); see {@link TaskDrives#add}. */
    static final String ARRIVED = "avatarDriveArrived";
    static final String STAGE = "avatarDriveStage";
    static final String DRIVE = "avatarDriveState";
    /** The settings of the drive route instance the exchange came through (see {@link InstanceSettings}). */
    static final String SETTINGS = "avatarDriveSettings";
    static final String APP_ID = "avatarDriveAppId";
    static final String API_PERMITS = "avatarDriveApiPermits";

    private AvatarDriveConstants() {
    }
}
