package io.avatardrive.ingress;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * A clip, a piece or an interrupt as any message ingress receives it: properties read as text, whichever protocol or
 * client published them, an id that stays the same when the message is delivered again, and a body that is streamed,
 * never held whole. The queue and Kafka each adapt their own message to this; every step after that is theirs in
 * common.
 */
public interface IncomingMessage {

    /** Stays the same across deliveries of this message: what the record of driven messages keys on. */
    String id();

    /** What the broker's own copies of this message share with it (an interrupt's copy, say): by default its id. */
    default String brokerKey() {
        return id();
    }

    /** The property as published (a string, a number or a boolean), or null when absent. */
    Object property(String name);

    /** How often the message has been delivered, this time included. */
    int deliveries();

    /**
     * Writes the body to {@code out}, at most {@code maxBytes} of it; a text body's characters in {@code textCharset}.
     * Returns how many bytes the body has, or -1 when it has more than {@code maxBytes} (then what was written is
     * incomplete).
     */
    long writeBody(OutputStream out, Charset textCharset, long maxBytes) throws IOException;

    /** The property as trimmed text, or {@code fallback} when it is absent or blank. */
    default String text(String name, String fallback) {
        Object value = property(name);
        return value == null || value.toString().isBlank() ? fallback : value.toString().trim();
    }

    /** The property as a whole number, or null when it is absent or not one. */
    default Integer integer(String name) {
        String value = text(name, null);
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A property that is true as a boolean or as the text "true". */
    default boolean flag(String name) {
        return Boolean.parseBoolean(text(name, "false"));
    }

    default boolean has(String name) {
        return property(name) != null;
    }
}
