package io.avatardrive.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avatardrive.audio.SampleRates;

/**
 * Every setting of the pipeline, read once at start-up from the documented keys (application.properties, overridable by
 * system properties and by the upper-case underscore environment variables), and checked, so that a bad value fails the
 * start with one clear line instead of failing a drive later.
 */
public record DriveSettings(
        String apiUrl,
        String appId,
        String serverSecret,
        String taskId,
        boolean wsTrustAll,
        int apiQps,
        long apiTimeoutMs,
        Path inbox,
        Path done,
        Path error,
        int pcmSampleRate,
        int chunkMs,
        int leadMs,
        int maxConcurrent,
        long stallTimeoutMs,
        String backend,
        String speaker,
        VolcSettings volc,
        SamiSettings sami) {

    /** The backend a clip goes to unless it or drive.backend names another. */
    public static final String DEFAULT_BACKEND = "zego";

    public static final String VENDOR_API_URL = "https://aigc-digitalhuman-api.zegotech.cn";

    /** The keys that shape one drive; each is also a parameter of the drive route template. */
    public static final List<String> DRIVE_KEYS = List.of("zego.api-url", "zego.app-id", "zego.server-secret",
            "zego.task-id", "zego.ws-trust-all", "zego.api-qps", "zego.api-timeout-ms", "drive.pcm-sample-rate", "drive.chunk-ms",
            "drive.lead-ms", "drive.stall-timeout-ms", "drive.backend", "voice.speaker", "volc.tta-url", "volc.app-id",
            "volc.access-token", "volc.uid", "volc.role", "volc.role-conf", "volc.video", "volc.rtc", "volc.rtmp",
            "volc.chunk-ms", "volc.voice-end-timeout-ms", "volc.handshake-timeout-ms", "volc.speed", "volc.pitch", "volc.volume",
            "volc.max-text-chars", "sami.url", "sami.appkey",
            "sami.token", "sami.lead-ms", "sami.handshake-timeout-ms");

    /** Reads the settings through a key lookup (Camel's properties component in the application). */
    public static DriveSettings from(Function<String, Optional<String>> lookup) {
        Reader r = new Reader(lookup);
        DriveSettings settings = new DriveSettings(
                r.url("zego.api-url", VENDOR_API_URL),
                r.text("zego.app-id", ""),
                r.text("zego.server-secret", ""),
                r.text("zego.task-id", ""),
                r.bool("zego.ws-trust-all", true),
                r.positive("zego.api-qps", 10),
                r.number("zego.api-timeout-ms", 5000, 1),
                r.path("drive.inbox", "data/inbox"),
                r.path("drive.done", "data/done"),
                r.path("drive.error", "data/error"),
                r.sampleRate("drive.pcm-sample-rate", SampleRates.LOW),
                r.positive("drive.chunk-ms", 100),
                r.nonNegative("drive.lead-ms", 500),
                r.positive("drive.max-concurrent", 64),
                r.positive("drive.stall-timeout-ms", 10_000),
                r.backend("drive.backend", DEFAULT_BACKEND),
                r.text("voice.speaker", ""),
                VolcSettings.read(r),
                SamiSettings.read(r));
        r.failIfProblems();
        return settings;
    }

    /** Whether a real ZEGO account is configured; without one the local stand-in is used. */
    public boolean hasCredentials() {
        return !appId.isBlank();
    }

    /** Refuses a real-account configuration that cannot work, naming every missing key at once. */
    public void requireCompleteCredentials() {
        List<String> missing = new ArrayList<>();
        if (!appId.matches("\\d+")) {
            missing.add("zego.app-id must be the numeric AppId (env ZEGO_APP_ID)");
        }
        if (serverSecret.isBlank()) {
            missing.add("zego.server-secret is required with zego.app-id (env ZEGO_SERVER_SECRET)");
        }
        if (taskId.isBlank()) {
            missing.add("zego.task-id is required with zego.app-id (env ZEGO_TASK_ID)");
        }
        if (!missing.isEmpty()) {
            throw new InvalidSettingsException("Cannot drive a real ZEGO avatar: " + String.join("; ", missing));
        }
    }

    /** Refuses a Volcengine or SAMI account that cannot work, naming every missing key at once. */
    public void requireCompleteVendorCredentials() {
        List<String> missing = new ArrayList<>();
        if (volc.hasCredentials() && volc.accessToken().isBlank()) {
            missing.add("volc.access-token is required with volc.app-id (env VOLC_ACCESS_TOKEN)");
        }
        if (volc.hasCredentials() && volc.role().isBlank()) {
            missing.add("volc.role is required with volc.app-id (env VOLC_ROLE)");
        }
        if (sami.hasCredentials() && sami.token().isBlank()) {
            missing.add("sami.token is required with sami.appkey (env SAMI_TOKEN)");
        }
        if (!missing.isEmpty()) {
            throw new InvalidSettingsException("Cannot use the configured vendor account: " + String.join("; ", missing));
        }
    }

    public DriveSettings withStandIn(String standInApiUrl, String standInAppId, String standInSecret, String defaultTask) {
        return new DriveSettings(standInApiUrl, standInAppId, standInSecret, taskId.isBlank() ? defaultTask : taskId,
                wsTrustAll, apiQps, apiTimeoutMs, inbox, done, error, pcmSampleRate, chunkMs, leadMs, maxConcurrent,
                stallTimeoutMs, backend, speaker, volc, sami);
    }

    public DriveSettings withVolc(VolcSettings local) {
        return new DriveSettings(apiUrl, appId, serverSecret, taskId, wsTrustAll, apiQps, apiTimeoutMs, inbox, done, error,
                pcmSampleRate, chunkMs, leadMs, maxConcurrent, stallTimeoutMs, backend, speaker,
                local, sami);
    }

    public DriveSettings withSami(SamiSettings local) {
        return new DriveSettings(apiUrl, appId, serverSecret, taskId, wsTrustAll, apiQps, apiTimeoutMs, inbox, done, error,
                pcmSampleRate, chunkMs, leadMs, maxConcurrent, stallTimeoutMs, backend, speaker,
                volc, local);
    }

    /** Every secret a text of this drive could contain, for the {@link Redactor}. */
    public Redactor redactor() {
        return new Redactor(serverSecret, volc.accessToken(), sami.token());
    }

    /** The settings as a safe string: the secret is never part of it. */
    @Override
    public String toString() {
        return "DriveSettings[apiUrl=" + apiUrl + ", appId=" + appId + ", serverSecret=" + (serverSecret.isBlank() ? "" : "******")
               + ", taskId=" + taskId + ", wsTrustAll=" + wsTrustAll + ", apiQps=" + apiQps + ", apiTimeoutMs=" + apiTimeoutMs + ", inbox=" + inbox
               + ", done=" + done + ", error=" + error + ", pcmSampleRate=" + pcmSampleRate + ", chunkMs=" + chunkMs
               + ", leadMs=" + leadMs + ", maxConcurrent=" + maxConcurrent + ", stallTimeoutMs=" + stallTimeoutMs + ", backend=" + backend
               + ", speaker=" + speaker + ", volc=" + volc + ", sami=" + sami + "]";
    }

    /** Collects every bad value before failing, so one start tells the operator everything that is wrong. */
    static final class Reader {
        static final ObjectMapper JSON = new ObjectMapper();
        private final Function<String, Optional<String>> lookup;
        private final List<String> problems = new ArrayList<>();

        Reader(Function<String, Optional<String>> lookup) {
            this.lookup = lookup;
        }

        String text(String key, String fallback) {
            return lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty()).orElse(fallback);
        }

        boolean bool(String key, boolean fallback) {
            String v = text(key, Boolean.toString(fallback));
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                problems.add(key + " must be true or false, was '" + v + "'");
            }
            return Boolean.parseBoolean(v);
        }

        long number(String key, long fallback, long min) {
            String v = text(key, Long.toString(fallback));
            try {
                long n = Long.parseLong(v);
                if (n < min) {
                    problems.add(key + " must be at least " + min + ", was " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                problems.add(key + " must be a whole number, was '" + v + "'");
                return fallback;
            }
        }

        /** An optional decimal within [min, max]: null when the key is not set. */
        Double decimal(String key, double min, double max) {
            String v = text(key, "");
            if (v.isBlank()) {
                return null;
            }
            try {
                double d = Double.parseDouble(v);
                if (!(d >= min && d <= max)) {
                    problems.add(key + " must be between " + min + " and " + max + ", was " + v);
                }
                return d;
            } catch (NumberFormatException e) {
                problems.add(key + " must be a number, was '" + v + "'");
                return null;
            }
        }

        int positive(String key, int fallback) {
            return (int) number(key, fallback, 1);
        }

        int nonNegative(String key, int fallback) {
            return (int) number(key, fallback, 0);
        }

        int sampleRate(String key, int fallback) {
            int rate = positive(key, fallback);
            if (!SampleRates.isDrivable(rate)) {
                problems.add(key + " must be 16000 or 24000, was " + rate);
            }
            return rate;
        }

        Path path(String key, String fallback) {
            return Path.of(text(key, fallback)).toAbsolutePath().normalize();
        }

        String url(String key, String fallback) {
            return url(key, fallback, "http", "an http(s) URL");
        }

        String webSocketUrl(String key, String fallback) {
            return url(key, fallback, "ws", "a ws(s) URL");
        }

        /** A URL whose scheme is {@code scheme} or its TLS form ({@code scheme} + "s"); {@code what} names it in errors. */
        private String url(String key, String fallback, String scheme, String what) {
            String v = text(key, fallback);
            try {
                URI uri = new URI(v);
                if (!scheme.equals(uri.getScheme()) && !(scheme + "s").equals(uri.getScheme()) || uri.getHost() == null) {
                    problems.add(key + " must be " + what + ", was '" + v + "'");
                }
            } catch (URISyntaxException e) {
                problems.add(key + " is not a valid URL: '" + v + "'");
            }
            return v;
        }

        /** A backend's name; whether one of that name is installed is checked by the drive that uses it. */
        String backend(String key, String fallback) {
            String v = text(key, fallback);
            if (!v.matches("[a-z0-9][a-z0-9-]{0,63}")) {
                problems.add(key + " must be a backend's name (lower-case letters, digits, dashes), was '" + v + "'");
            }
            return v;
        }

        /** A JSON object given as one line of text, or null when the key is not set. */
        ObjectNode jsonObject(String key) {
            String v = text(key, "");
            if (v.isEmpty()) {
                return null;
            }
            try {
                JsonNode node = JSON.readTree(v);
                if (node instanceof ObjectNode object) {
                    return object;
                }
            } catch (JsonProcessingException e) {
                // reported below
            }
            problems.add(key + " must be a JSON object such as {\"key\":\"value\"}, was '" + v + "'");
            return null;
        }

        void failIfProblems() {
            if (!problems.isEmpty()) {
                throw new InvalidSettingsException("Invalid configuration: " + String.join("; ", problems));
            }
        }
    }
}
