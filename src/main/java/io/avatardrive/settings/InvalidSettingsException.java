package io.avatardrive.settings;

/** A setting that cannot work; its message is the one line an operator needs, so it is printed without a stack trace. */
public class InvalidSettingsException extends IllegalArgumentException {

    public InvalidSettingsException(String message) {
        super(message);
    }
}
