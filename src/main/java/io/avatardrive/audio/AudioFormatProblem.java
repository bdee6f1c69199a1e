package io.avatardrive.audio;

/** The input is not audio this pipeline can speak; the message says why, in words an operator understands. */
public class AudioFormatProblem extends RuntimeException {

    public AudioFormatProblem(String message) {
        super(message);
    }

    public AudioFormatProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
