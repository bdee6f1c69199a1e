package io.avatardrive.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
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
 * <p>
 * A full disk must never make a clip speak twice, so the space a clip's record needs is taken before it is spoken: a
 * reservation line of {@link #SLOT_BYTES} is appended when the clip is taken ({@link #reserve}), and its report and
 * then its forgetting are written over it in place, which takes no new space. A clip whose reservation cannot be
 * written waits in the inbox. Once nothing is remembered the log is emptied, so it does not grow with every clip.
 */
public final class DrivenClipLog implements IdempotentRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The line that cancels a key's earlier record. */
    private static final String FORGOTTEN = "-";
    /** The file consumer's header with the clip's absolute path. */
    static final String ABSOLUTE_PATH = "CamelFileAbsolutePath";

    /** The room a reservation keeps for its report (a report is about a kilobyte; a larger one is appended). */
    static final int SLOT_BYTES = 4096;

    private final Path file;
    private final Map<String, String> reports = new LinkedHashMap<>();
    private final Set<String> inFlight = new HashSet<>();
    /** Where each reserved record's value starts in the file. */
    private final Map<String, Long> slots = new HashMap<>();

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
                        // a reservation's padding is blank: one without its report was never spoken to its end
                        String value = line.substring(tab + 1).trim();
                        if (FORGOTTEN.equals(value)) {
                            reports.remove(key);
                        } else if (!value.isEmpty()) {
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

    /** Where the log is, as a message about it names it. */
    public Path file() {
        return file;
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

    /**
     * Takes the space the clip's record will need, before it is spoken; nothing to do for a clip already recorded or
     * reserved.
     *
     * @throws IOException when the log cannot grow (a full disk): the clip must not be spoken yet
     */
    public synchronized void reserve(String key) throws IOException {
        if (reports.containsKey(key) || slots.containsKey(key)) {
            return;
        }
        slots.put(key, append(key, " ".repeat(SLOT_BYTES)));
    }

    public synchronized void record(String key, DriveReport report) {
        try {
            String json = JSON.writeValueAsString(report);
            write(key, json);
            reports.put(key, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a driven clip in " + file, e);
        }
    }

    /** The clip is filed: a clip found later under the same key is a new drop. */
    public synchronized void forget(String key) {
        boolean reserved = slots.containsKey(key);
        if (reports.remove(key) == null && !reserved) {
            return;
        }
        try {
            write(key, FORGOTTEN);
            slots.remove(key);
            if (reports.isEmpty() && slots.isEmpty()) {
                // nothing left to remember: the log starts again empty rather than growing with every clip
                try (FileChannel log = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    log.truncate(0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a filed clip in " + file, e);
        }
    }

    /** Over the key's reservation if it has one that is large enough (no new space), else appended. */
    private void write(String key, String value) throws IOException {
        Long slot = slots.get(key);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (slot == null || bytes.length > SLOT_BYTES) {
            append(key, value);
            return;
        }
        ByteBuffer padded = ByteBuffer.wrap((value + " ".repeat(SLOT_BYTES - bytes.length)).getBytes(StandardCharsets.UTF_8));
        try (FileChannel log = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.DSYNC)) {
            while (padded.hasRemaining()) {
                log.write(padded, slot + padded.position());
            }
        }
    }

    /** Appends one line; returns where its value starts. */
    private long append(String key, String value) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] head = (key + "\t").getBytes(StandardCharsets.UTF_8);
        try (FileChannel log = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND, StandardOpenOption.SYNC)) {
            long start = log.size();
            ByteBuffer line = ByteBuffer.wrap((key + "\t" + value + "\n").getBytes(StandardCharsets.UTF_8));
            try {
                while (line.hasRemaining()) {
                    log.write(line);
                }
            } catch (IOException e) {
                // half a line would join the next one: the log is cut back to where it was
                log.truncate(start);
                throw e;
            }
            return start + head.length;
        }
    }

    private void compact() throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        StringBuilder lines = new StringBuilder();
        reports.forEach((key, json) -> lines.append(key).append('\t').append(json).append('\n'));
        Files.writeString(next, lines, StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
