package io.avatardrive.drive;

import java.util.regex.Pattern;

/** Clip names that come from outside (a message property, a query parameter) and go into reports and logs. */
public final class ClipNames {

    private static final Pattern UNSAFE = Pattern.compile("[^0-9A-Za-z._ -]|\\.\\.");

    private ClipNames() {
    }

    /** A name given by a publisher can never name a path: no separators, no "..", no control characters. */
    public static String safe(String name) {
        String safe = UNSAFE.matcher(name).replaceAll("_");
        return safe.isBlank() ? "clip" : safe;
    }
}
