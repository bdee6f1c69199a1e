package io.avatardrive.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avatardrive.audio.SampleRates;

/**
 * Every setting of a drive, read once at start-up from the documented keys (application.properties, overridable by
 * system properties and by the upper-case underscore environment variables), and checked, so that a bad value fails the
 * start with one clear line instead of failing a drive later.
 */
public record DriveSettings(
        String taskId,
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
        Map<Class<?>, VendorSettings> vendors) {

    /** The backend a clip goes to unless it or drive.backend names another. */
    public static final String DEFAULT_BACKEND = "zego";

    /** The vendors' own settings readers, listed in their packages' {@code META-INF/services}. */
    private static final List<VendorSettingsReader> VENDORS = ServiceLoader.load(VendorSettingsReader.class,
            VendorSettingsReader.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();

    /** The keys that shape one drive; each is also a parameter of the drive route template. */
    public static final List<String> DRIVE_KEYS = Stream.concat(Stream.of("zego.task-id", "drive.pcm-sample-rate",
            "drive.chunk-ms", "drive.lead-ms", "drive.stall-timeout-ms", "drive.backend", "voice.speaker"),
            VENDORS.stream().flatMap(v -> v.keys().stream())).toList();

    /** Reads the settings through a key lookup (Camel's properties component in the application). */
    public static DriveSettings from(Function<String, Optional<String>> lookup) {
        Reader r = new Reader(lookup);
        Map<Class<?>, VendorSettings> vendors = new LinkedHashMap<>();
        for (VendorSettingsReader vendor : VENDORS) {
            VendorSettings read = vendor.read(r);
            vendors.put(read.getClass(), read);
        }
        DriveSettings settings = new DriveSettings(
                r.text("zego.task-id", ""),
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
                Map.copyOf(vendors));
        r.failIfProblems();
        return settings;
    }

    /** One vendor's settings, by their type; the vendor's package asks for its own. */
    public <T extends VendorSettings> T vendor(Class<T> type) {
        VendorSettings found = vendors.get(type);
        if (found == null) {
            throw new IllegalStateException("no settings of " + type.getSimpleName() + " were read");
        }
        return type.cast(found);
    }

    /** These settings with one vendor's replaced (a local stand-in's, say). */
    public DriveSettings with(VendorSettings replacement) {
        Map<Class<?>, VendorSettings> replaced = new LinkedHashMap<>(vendors);
        replaced.put(replacement.getClass(), replacement);
        return new DriveSettings(taskId, inbox, done, error, pcmSampleRate, chunkMs, leadMs, maxConcurrent,
                stallTimeoutMs, backend, speaker, Map.copyOf(replaced));
    }

    /** These settings with a default task, when none is set. */
    public DriveSettings withDefaultTask(String defaultTask) {
        return taskId.isBlank() ? new DriveSettings(defaultTask, inbox, done, error, pcmSampleRate, chunkMs, leadMs,
                maxConcurrent, stallTimeoutMs, backend, speaker, vendors) : this;
    }

    /** Refuses any vendor account that is set but cannot work, naming every missing key. */
    public void requireCompleteAccounts() {
        List<String> missing = vendors.values().stream().flatMap(vendor -> vendor.missing(this).stream()).toList();
        if (!missing.isEmpty()) {
            throw new InvalidSettingsException("Cannot use the configured vendor accounts: " + String.join("; ", missing));
        }
    }

    /** Every secret a text of this drive could contain, for the {@link Redactor}. */
    public Redactor redactor() {
        return new Redactor(vendors.values().stream().flatMap(v -> v.secrets().stream()).toArray(String[]::new));
    }

    /** The settings as a safe string: the vendors' say it without their secrets. */
    @Override
    public String toString() {
        return "DriveSettings[taskId=" + taskId + ", inbox=" + inbox + ", done=" + done + ", error=" + error
               + ", pcmSampleRate=" + pcmSampleRate + ", chunkMs=" + chunkMs + ", leadMs=" + leadMs + ", maxConcurrent="
               + maxConcurrent + ", stallTimeoutMs=" + stallTimeoutMs + ", backend=" + backend + ", speaker=" + speaker
               + ", vendors=" + vendors.values() + "]";
    }

    /** Collects every bad value before failing, so one start tells the operator everything that is wrong. */
    public static final class Reader {
        public static final ObjectMapper JSON = new ObjectMapper();
        private final Function<String, Optional<String>> lookup;
        private final List<String> problems = new ArrayList<>();

        public Reader(Function<String, Optional<String>> lookup) {
            this.lookup = lookup;
        }

        public String text(String key, String fallback) {
            return lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty()).orElse(fallback);
        }

        public boolean bool(String key, boolean fallback) {
            String v = text(key, Boolean.toString(fallback));
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                problems.add(key + " must be true or false, was '" + v + "'");
            }
            return Boolean.parseBoolean(v);
        }

        public long number(String key, long fallback, long min) {
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
        public Double decimal(String key, double min, double max) {
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

        public int positive(String key, int fallback) {
            return (int) number(key, fallback, 1);
        }

        public int nonNegative(String key, int fallback) {
            return (int) number(key, fallback, 0);
        }

        public int sampleRate(String key, int fallback) {
            int rate = positive(key, fallback);
            if (!SampleRates.isDrivable(rate)) {
                problems.add(key + " must be 16000 or 24000, was " + rate);
            }
            return rate;
        }

        public Path path(String key, String fallback) {
            return Path.of(text(key, fallback)).toAbsolutePath().normalize();
        }

        public String url(String key, String fallback) {
            return url(key, fallback, "http", "an http(s) URL");
        }

        public String webSocketUrl(String key, String fallback) {
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
        public String backend(String key, String fallback) {
            String v = text(key, fallback);
            if (!v.matches("[a-z0-9][a-z0-9-]{0,63}")) {
                problems.add(key + " must be a backend's name (lower-case letters, digits, dashes), was '" + v + "'");
            }
            return v;
        }

        /** A JSON object given as one line of text, or null when the key is not set. */
        public ObjectNode jsonObject(String key) {
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

        public void failIfProblems() {
            if (!problems.isEmpty()) {
                throw new InvalidSettingsException("Invalid configuration: " + String.join("; ", problems));
            }
        }
    }
}
