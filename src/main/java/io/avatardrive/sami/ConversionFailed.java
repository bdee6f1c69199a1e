package io.avatardrive.sami;

import java.io.IOException;

import io.avatardrive.vendor.VoiceFailure;

/** A voice conversion that could not start or go on for a reason SAMI did not answer with a status of its own. */
public final class ConversionFailed extends IOException implements VoiceFailure {

    public ConversionFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
