package io.avatardrive.ingress;

import io.avatardrive.drive.AvatarDriveConstants;
import org.apache.camel.Message;

/**
 * What a live utterance is and where it goes, however it came: the task, its name in reports, the rate of raw PCM (null
 * for a WAV stream), whether the stream is known to be raw PCM (its drive need not wait for its first bytes to tell),
 * the backend and voice (null for the defaults), and whether it barges in.
 */
public record LiveRequest(String taskId, String name, Integer sampleRate, boolean rawPcm, String backend, String speaker,
                   boolean interrupt) {

    /** The drive's headers for this utterance. */
    public void applyTo(Message message) {
        message.setHeader(AvatarDriveConstants.TASK_ID, taskId);
        message.setHeader(AvatarDriveConstants.CLIP_NAME, name);
        setIfPresent(message, AvatarDriveConstants.SAMPLE_RATE, sampleRate);
        setIfPresent(message, AvatarDriveConstants.BACKEND, backend);
        setIfPresent(message, AvatarDriveConstants.SPEAKER, speaker);
        message.setHeader(AvatarDriveConstants.INTERRUPT, interrupt);
        if (sampleRate != null && rawPcm) {
            message.setHeader(AvatarDriveConstants.FORMAT, "pcm");
        }
    }

    /** An optional request value: null when absent or blank, so that the drive's default applies. */
    public static String option(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static void setIfPresent(Message message, String header, Object value) {
        if (value != null) {
            message.setHeader(header, value);
        }
    }
}
