package io.avatardrive.vendor;

/** A session whose avatar can say words in its own voice, rather than be fed audio. */
public interface SpeakingSession extends AvatarSession {

    /** How a text's speech ended, as far as the client can tell. */
    enum SpeechEnd {
        /** The avatar said it had finished: it said it all. */
        SAID,
        /** {@link #interruptSpeech()} stopped it first. */
        INTERRUPTED,
        /** No end came in time, or the socket closed first: the words went out, and are not sent again. */
        UNCONFIRMED
    }

    /** How long words of this many characters may take to be said before the end is given up on. */
    long speechTimeoutMs(int characters);

    /** Says the words and waits for the avatar to finish them, at most {@code timeoutMs}. */
    SpeechEnd say(String text, long timeoutMs) throws Exception;

    /** Stops the avatar's speech now and ends a {@link #say} waiting for it; never blocks. */
    void interruptSpeech();
}
