package io.avatardrive.audio;

import java.io.IOException;

/**
 * Live audio that ended before its end: the next piece did not come in time, a piece was skipped, the client went
 * away. What arrived before is spoken; the drive then sends Stop and reports the utterance cut, never failed and
 * never retried, since stale speech has no place in a conversation.
 */
public final class AudioCut extends IOException {

    public AudioCut(String reason) {
        super(reason);
    }
}
