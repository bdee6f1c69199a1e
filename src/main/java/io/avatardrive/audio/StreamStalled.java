package io.avatardrive.audio;

import java.io.IOException;

/** A paced stream whose peer stopped taking frames: its message says who stalled and for how long. */
public final class StreamStalled extends IOException {

    public StreamStalled(String message) {
        super(message);
    }
}
