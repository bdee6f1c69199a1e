package io.avatardrive.vendor;

import java.util.concurrent.CompletableFuture;

import io.vertx.core.Context;

/**
 * One avatar's side of one drive, whatever the vendor: opened, fed the clip's audio in order, ended once opened
 * (whatever happened in between, since an avatar that is never told the audio is over waits for more), then closed.
 */
public interface AvatarSession extends AutoCloseable {

    /** The id the vendor or the pipeline gave this drive, for reports and logs. */
    String driveId();

    /** Connects and announces the drive; no audio goes out before it. */
    void open() throws Exception;

    /**
     * Writes one chunk of audio without waiting; the stage completes once it is written, and the chunk's array must
     * not change until then. {@code last} marks the clip's final chunk.
     */
    CompletableFuture<Void> audio(byte[] chunk, boolean last);

    /** The event loop of the session's connection, once open: its writes complete there. */
    Context context();

    /** Tells the avatar the audio is over; called once after a successful {@link #open()}, also after a failure. */
    void end() throws Exception;

    /**
     * Tells the avatar the audio is over at once, on the session's event loop, behind the audio already written and
     * without waiting for the write; {@link #end()} then only waits for it. Null if the vendor has no such frame, so
     * that {@link #end()} does it all.
     */
    default CompletableFuture<Void> endNow() {
        return null;
    }

    @Override
    void close();
}
