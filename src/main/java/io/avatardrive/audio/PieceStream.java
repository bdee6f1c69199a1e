package io.avatardrive.audio;

import java.io.IOException;
import java.io.InputStream;

/**
 * A stream of audio that arrives in pieces while it is read (a converter's output, a TTS's utterance): the subclass
 * says how the next piece is waited for, this class reads through each one.
 */
abstract class PieceStream extends InputStream {

    private static final byte[] NOTHING = new byte[0];

    private byte[] current = NOTHING;
    private int position;
    private boolean finished;

    /** Waits for the next piece; null at the end of the audio. */
    protected abstract byte[] nextPiece() throws IOException;

    /** The rest of the piece being read: what a read returns without waiting for the producer. */
    @Override
    public int available() {
        return current.length - position;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == current.length) {
            byte[] piece = finished ? null : nextPiece();
            if (piece == null) {
                finished = true;
                return -1;
            }
            current = piece;
            position = 0;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }
}
