package io.avatardrive.drive;

import java.util.concurrent.CancellationException;

/** Ends a drive's stream because an interrupt came for its task; the drive still sends Stop and reports interrupted. */
public final class DriveInterrupted extends CancellationException {

    public DriveInterrupted(String reason) {
        super(reason);
    }
}
