package io.avatardrive.route;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The folder's memory of what it has spoken: each driven clip's key (path, size, modification time) with its report,
 * appended once its Stop went out. A crash between that moment and the clip's move to done/ leaves the clip in the
 * inbox; at the next start it is filed with its earlier report instead of being spoken twice.
 */
public final class DrivenClipLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, String> reports = new HashMap<>();

    public DrivenClipLog(Path file) {
        this.file = file;
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        reports.put(line.substring(0, tab), line.substring(tab + 1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the driven-clip log " + file, e);
        }
    }

    public static String key(String absolutePath, long size, long lastModified) {
        return absolutePath.replace('\t', ' ') + "|" + size + "|" + lastModified;
    }

    public synchronized Optional<DriveReport> find(String key) {
        String json = reports.get(key);
        try {
            return json == null ? Optional.empty() : Optional.of(JSON.readValue(json, DriveReport.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    public synchronized void record(String key, DriveReport report) {
        try {
            String json = JSON.writeValueAsString(report);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, key + "\t" + json + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
            reports.put(key, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a driven clip in " + file, e);
        }
    }
}
