package io.avatardrive.route;

/**
 * One avatar's side of one drive, whatever the vendor: opened, fed the clip's audio in order, ended once opened
 * (whatever happened in between, since an avatar that is never told the audio is over waits for more), then closed.
 */
interface AvatarSession extends AutoCloseable {

    /** The id the vendor or the pipeline gave this drive, for reports and logs. */
    String driveId();

    /** Connects and announces the drive; no audio goes out before it. */
    void open() throws Exception;

    /** One chunk of audio; {@code last} marks the clip's final chunk. */
    void audio(byte[] chunk, boolean last) throws Exception;

    /** Tells the avatar the audio is over; called once after a successful {@link #open()}, also after a failure. */
    void end() throws Exception;

    @Override
    void close();
}
