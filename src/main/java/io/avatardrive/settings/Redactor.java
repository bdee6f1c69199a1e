package io.avatardrive.settings;

import java.util.regex.Pattern;

/** Keeps secrets out of every text the pipeline writes: the ServerSecret, access tokens and any drive Token never reach a log or report. */
public final class Redactor {

    private static final Pattern TOKEN = Pattern.compile("(?i)(token=)[^&\\s\"']+");

    private final java.util.List<String> secrets;

    public Redactor(String... secrets) {
        this.secrets = java.util.Arrays.stream(secrets).filter(s -> s != null && !s.isEmpty()).toList();
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = TOKEN.matcher(text).replaceAll("$1******");
        for (String secret : secrets) {
            out = out.replace(secret, "******");
        }
        return out;
    }
}
