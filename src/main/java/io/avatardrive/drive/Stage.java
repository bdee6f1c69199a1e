package io.avatardrive.drive;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where in the flow a drive failed, so the report tells the operator what to look at. */
public enum Stage {
    READ, DECODE, VOICE, SIGN, API, CONNECT, STREAM;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
