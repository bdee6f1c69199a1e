package io.avatardrive.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.drive.DriveReport;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.IdempotentRepository;

/**
 * The folder's memory of clips it has spoken but not yet filed: each driven clip's key (path, size, modification time)
 * with its report, appended once its last audio went out, and forgotten once the clip is filed. A crash in between
 * leaves the clip in the inbox; at the next start it is filed with its earlier report instead of being spoken twice.
 * A clip dropped again after its filing is a new clip, whatever its name, size or time, and is spoken again.
 */
public final class DrivenClipLog implements IdempotentRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The line that cancels a key's earlier record. */
    private static final String FORGOTTEN = "-";
    /** The file consumer's header with the clip's absolute path. */
    static final String ABSOLUTE_PATH = "CamelFileAbsolutePath";

    private final Path file;
    private final Map<String, String> reports = new LinkedHashMap<>();
    private final Set<String> inFlight = new HashSet<>();

    /**
     * Loads the log, keeps only the clips still lying where they were driven, and writes it back compacted, so that it
     * does not grow with every clip ever spoken.
     */
    public DrivenClipLog(Path file) {
        this.file = file;
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        String key = line.substring(0, tab);
                        String value = line.substring(tab + 1);
                        if (FORGOTTEN.equals(value)) {
                            reports.remove(key);
                        } else {
                            reports.put(key, value);
                        }
                    }
                }
                // filed just before a crash, before it could be forgotten: the clip is no longer in the inbox
                reports.keySet().removeIf(key -> !Files.exists(Path.of(pathOf(key)), LinkOption.NOFOLLOW_LINKS));
                compact();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the driven-clip log " + file, e);
        }
    }

    public static String key(String absolutePath, long size, long lastModified) {
        return absolutePath.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ') + "|" + size + "|" + lastModified;
    }

    /** The key of the clip a file consumer's message carries. */
    public static String key(Message message) {
        return key(message.getHeader(ABSOLUTE_PATH, String.class),
                message.getHeader(Exchange.FILE_LENGTH, 0L, Long.class),
                message.getHeader(Exchange.FILE_LAST_MODIFIED, 0L, Long.class));
    }

    private static String pathOf(String key) {
        int size = key.lastIndexOf('|', key.lastIndexOf('|') - 1);
        return size < 0 ? key : key.substring(0, size);
    }

    /** A clip not driven before, now being driven; false for one the log kept (a duplicate). */
    @Override
    public synchronized boolean add(String key) {
        return !reports.containsKey(key) && inFlight.add(key);
    }

    @Override
    public synchronized boolean contains(String key) {
        return reports.containsKey(key) || inFlight.contains(key);
    }

    @Override
    public synchronized boolean remove(String key) {
        return inFlight.remove(key);
    }

    /** The drive is over; what is kept of it was recorded with its report ({@link #record}). */
    @Override
    public synchronized boolean confirm(String key) {
        return inFlight.remove(key);
    }

    @Override
    public synchronized void clear() {
        inFlight.clear();
    }

    @Override
    public void start() {
        // the log is read when it is made
    }

    @Override
    public void stop() {
        // every record is written through
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
            append(key, json);
            reports.put(key, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a driven clip in " + file, e);
        }
    }

    /** The clip is filed: a clip found later under the same key is a new drop. */
    public synchronized void forget(String key) {
        if (reports.remove(key) == null) {
            return;
        }
        try {
            append(key, FORGOTTEN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a filed clip in " + file, e);
        }
    }

    private void append(String key, String value) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, key + "\t" + value + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    }

    private void compact() throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        StringBuilder lines = new StringBuilder();
        reports.forEach((key, json) -> lines.append(key).append('\t').append(json).append('\n'));
        Files.writeString(next, lines, StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
