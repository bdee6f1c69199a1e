package io.avatardrive.queue;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

/** A message property as publishers in any protocol send it: a string, a number or a boolean, all read as text. */
public final class MessageProperties {

    private MessageProperties() {
    }

    /** The property as trimmed text, or {@code fallback} when it is absent or blank. */
    public static String text(Message message, String property, String fallback) throws JMSException {
        Object value = message.getObjectProperty(property);
        return value == null || value.toString().isBlank() ? fallback : value.toString().trim();
    }

    /** The property as a whole number, or null when it is absent or not one. */
    public static Integer integer(Message message, String property) throws JMSException {
        String value = text(message, property, null);
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
