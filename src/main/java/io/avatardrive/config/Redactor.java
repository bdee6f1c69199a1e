package io.avatardrive.config;

import java.util.regex.Pattern;

/** Keeps secrets out of every text the pipeline writes: the ServerSecret and any drive Token never reach a log or report. */
public final class Redactor {

    private static final Pattern TOKEN = Pattern.compile("(?i)(token=)[^&\\s\"']+");

    private final String secret;

    public Redactor(String secret) {
        this.secret = secret == null ? "" : secret;
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = TOKEN.matcher(text).replaceAll("$1******");
        return secret.isEmpty() ? out : out.replace(secret, "******");
    }
}
