package io.avatardrive.standin;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of all the audio a stand-in received, to compare with what was sent without keeping the audio. */
final class AudioDigest {

    private final MessageDigest digest;

    AudioDigest() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized void update(byte[] audio, int offset, int length) {
        digest.update(audio, offset, length);
    }

    synchronized void update(java.nio.ByteBuffer audio) {
        digest.update(audio);
    }

    /** The digest so far; more audio may still follow. */
    synchronized String hex() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
