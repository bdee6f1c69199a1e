package io.avatardrive.drive;

/**
 * What an ingress records once a clip's last audio went out and before Stop (see
 * {@link AvatarDriveConstants#BEFORE_STOP}): the clip is driven, with the report it has so far (its outcome, the audio
 * sent, and that Stop is not yet confirmed), so that a crash after this point never speaks it again and still leaves a
 * report to publish.
 */
@FunctionalInterface
public interface DrivenHook {

    void driven(DriveReport provisional);
}
