package io.avatardrive.settings;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which web pages may act on a port: a browser names the page that sent a request in its {@code Origin} header, and a
 * request that carries one is let through only from the server's own origin or one listed in the port's
 * {@code *.allowed-origins}. A request without an Origin comes from a program, not a web page, and is left to the login.
 * The server's own origin is the one its Host header names, and, while the port has no login, only under a loopback
 * name, so that a page whose name was rebound to 127.0.0.1 is not mistaken for the console.
 *
 * @param key     the setting the list came from, as a refusal names it
 * @param allowed origins as {@code scheme://host[:port]}, lower case, without a trailing slash
 */
public record Origins(String key, List<String> allowed) {

    /** Reads a comma-separated list; a value that is not {@code scheme://host[:port]} stops the start, naming it. */
    public static Origins of(String key, String list) {
        List<String> allowed = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> normalise(key, s)).toList();
        return new Origins(key, allowed);
    }

    private static String normalise(String key, String origin) {
        String o = origin.toLowerCase(Locale.ROOT);
        o = o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
        try {
            URI uri = new URI(o);
            if ((uri.getScheme() == null || !uri.getScheme().matches("https?")) || uri.getHost() == null
                || (uri.getPath() != null && !uri.getPath().isEmpty()) || uri.getQuery() != null) {
                throw new IllegalArgumentException();
            }
        } catch (Exception e) {
            throw new InvalidSettingsException(key + ": '" + origin + "' is not an origin such as https://app.example:8443");
        }
        return o;
    }

    /**
     * Whether a request may act.
     *
     * @param origin   its Origin header (null when it has none)
     * @param host     its Host header
     * @param hasLogin whether the port requires credentials
     */
    public boolean allow(String origin, String host, boolean hasLogin) {
        if (origin == null) {
            return true;
        }
        String o = origin.trim().toLowerCase(Locale.ROOT);
        if (allowed.contains(o)) {
            return true;
        }
        if (host == null || o.equals("null")) {
            return false;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        boolean own = o.equals("http://" + h) || o.equals("https://" + h);
        return own && (hasLogin || Loopback.isName(hostName(h)));
    }

    /** The refusal's reason, naming the origin and the setting that would let it through. */
    public String refusal(String origin) {
        return "a web page from " + sanitised(origin) + " may not act here; list its origin in " + key
               + " to allow it";
    }

    private static String hostName(String authority) {
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            return end < 0 ? authority : authority.substring(1, end);
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    private static String sanitised(String origin) {
        String s = origin.length() > 100 ? origin.substring(0, 100) + "…" : origin;
        return s.replaceAll("[^\\x20-\\x7e…]", "?");
    }
}
