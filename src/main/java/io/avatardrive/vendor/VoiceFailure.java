package io.avatardrive.vendor;

/** Marks a failure of the voice stage, so that a report names that stage whichever vendor converts the voice. */
public interface VoiceFailure {
}
