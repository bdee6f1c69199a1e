package io.avatardrive.text;

import java.util.Locale;
import java.util.Optional;

/** Whether a clip is words rather than audio, and which kind: told by its name, or by a message's content type. */
public enum TextKind {
    /** UTF-8 plain text, said as written. */
    PLAIN("text", ".txt", "text/plain"),
    /** SSML: one {@code <speak>} element, whose action, image and video tags reach the avatar as written. */
    SSML("ssml", ".ssml", "application/ssml+xml");

    private final String label;
    private final String extension;
    private final String mediaType;

    TextKind(String label, String extension, String mediaType) {
        this.label = label;
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** {@code text} or {@code ssml}, as reports give it. */
    public String label() {
        return label;
    }

    /** NAME.txt or NAME.ssml (any case); empty for any other name. */
    public static Optional<TextKind> ofName(String name) {
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        for (TextKind kind : values()) {
            if (lower.endsWith(kind.extension)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** text/plain or application/ssml+xml, parameters such as charset ignored; empty for any other type. */
    public static Optional<TextKind> ofMediaType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        for (TextKind kind : values()) {
            if (kind.mediaType.equals(type)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** By label ({@code text}, {@code ssml}), as a header carries it; empty for anything else. */
    public static Optional<TextKind> ofLabel(String label) {
        for (TextKind kind : values()) {
            if (kind.label.equals(label)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
