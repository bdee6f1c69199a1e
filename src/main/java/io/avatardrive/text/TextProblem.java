package io.avatardrive.text;

/** The input is not text the avatar can say; the message names the clip and the reason, in an operator's words. */
public class TextProblem extends RuntimeException {

    public TextProblem(String message) {
        super(message);
    }

    public TextProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
