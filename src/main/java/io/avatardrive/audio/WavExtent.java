package io.avatardrive.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * How much a WAV file says it holds: the offset and declared length of its data chunk, read from the header alone, so
 * that a clip still being written in place can be told from a complete one without decoding it.
 *
 * @param state        whether the header could be read, and whether it gives the data chunk a length
 * @param dataOffset   where the audio starts (valid unless {@link State#NOT_WAV} or {@link State#HEADER_INCOMPLETE})
 * @param declaredSize the data chunk's declared length in bytes (valid for {@link State#DECLARED})
 */
public record WavExtent(State state, long dataOffset, long declaredSize) {

    /** What the header tells. */
    public enum State {
        /** Not a RIFF/WAVE file at all: decoding will say why. */
        NOT_WAV,
        /** The file ends before the data chunk's header: a writer may still be writing it. */
        HEADER_INCOMPLETE,
        /** The data chunk's length is 0 or 0xFFFFFFFF, as streaming writers leave it until they finish. */
        UNKNOWN_LENGTH,
        /** The data chunk gives its length. */
        DECLARED
    }

    /** Header bytes read at most: chunks before the data chunk (LIST, fact, ...) are small. */
    static final int MAX_HEADER = 64 * 1024;
    private static final long UNKNOWN = 0xFFFFFFFFL;

    /** Reads the header of a WAV file without following a symbolic link. */
    public static WavExtent of(Path wav) throws IOException {
        byte[] head = new byte[MAX_HEADER];
        int n = 0;
        try (InputStream in = Files.newInputStream(wav, LinkOption.NOFOLLOW_LINKS)) {
            for (int r; n < head.length && (r = in.read(head, n, head.length - n)) > 0; ) {
                n += r;
            }
        }
        return parse(ByteBuffer.wrap(head, 0, n).order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * Reads a WAV stream's header up to and including its data chunk's header, and no further, so that a stream still
     * being produced is not waited on for audio; a stream that is not a WAV yields what was read.
     */
    static byte[] readHeader(InputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream(64);
        byte[] riff = in.readNBytes(12);
        header.write(riff);
        if (riff.length < 12) {
            return header.toByteArray();
        }
        while (header.size() + 8 <= MAX_HEADER) {
            byte[] chunk = in.readNBytes(8);
            header.write(chunk);
            if (chunk.length < 8) {
                break;
            }
            ByteBuffer b = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
            if (b.getInt(0) == 0x61746164 /* data */) {
                break;
            }
            long size = Integer.toUnsignedLong(b.getInt(4));
            long body = size + (size & 1);
            if (header.size() + body > MAX_HEADER) {
                break;
            }
            byte[] content = in.readNBytes((int) body);
            header.write(content);
            if (content.length < body) {
                break;
            }
        }
        return header.toByteArray();
    }

    static WavExtent parse(ByteBuffer b) {
        if (b.limit() < 12) {
            return new WavExtent(State.HEADER_INCOMPLETE, 0, 0);
        }
        if (b.getInt(0) != 0x46464952 /* RIFF */ || b.getInt(8) != 0x45564157 /* WAVE */) {
            return new WavExtent(State.NOT_WAV, 0, 0);
        }
        long pos = 12;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt((int) pos);
            long size = Integer.toUnsignedLong(b.getInt((int) pos + 4));
            if (id == 0x61746164 /* data */) {
                return size == 0 || size == UNKNOWN
                        ? new WavExtent(State.UNKNOWN_LENGTH, pos + 8, 0)
                        : new WavExtent(State.DECLARED, pos + 8, size);
            }
            pos += 8 + size + (size & 1);
        }
        // past the bytes read: a header this long is no writer's half-written one, so decoding decides
        return new WavExtent(b.limit() >= MAX_HEADER ? State.NOT_WAV : State.HEADER_INCOMPLETE, 0, 0);
    }

    /** The file length at which the declared audio is all present. */
    public long completeLength() {
        return dataOffset + declaredSize;
    }
}
