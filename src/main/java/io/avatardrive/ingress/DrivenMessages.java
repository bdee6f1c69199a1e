package io.avatardrive.ingress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import org.apache.camel.support.service.ServiceSupport;

/**
 * The ids of messages whose drive sent Stop, kept in a file across restarts. Unlike Camel's file repository, an id is
 * written only on confirm, when the drive is done: a crash mid-drive leaves no trace, so the redelivered message is
 * driven again (at least once), while one that was driven but not committed is recognised (never twice).
 */
public class DrivenMessages extends ServiceSupport implements DrivenRecord {

    /** Kept reports older than this are removed at start: their messages were committed long ago. */
    private static final Duration KEEP_REPORTS = Duration.ofDays(7);

    private final Path file;
    private final Path reports;
    private final Set<String> driven = new HashSet<>();
    private final Set<String> inFlight = new HashSet<>();

    public DrivenMessages(Path file) {
        this.file = file;
        this.reports = file.resolveSibling(file.getFileName() + ".reports");
    }

    @Override
    protected synchronized void doStart() throws IOException {
        if (Files.exists(file)) {
            driven.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        if (Files.isDirectory(reports)) {
            Instant old = Instant.now().minus(KEEP_REPORTS);
            try (var kept = Files.newDirectoryStream(reports)) {
                for (Path report : kept) {
                    if (Files.getLastModifiedTime(report).toInstant().isBefore(old)) {
                        Files.deleteIfExists(report);
                    }
                }
            }
        }
    }

    @Override
    public void keepReport(String messageId, String report) {
        try {
            Files.createDirectories(reports);
            Path kept = reports.resolve(fileName(messageId));
            Path partial = kept.resolveSibling(kept.getFileName() + ".part");
            Files.writeString(partial, report, StandardCharsets.UTF_8);
            Files.move(partial, kept, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the report of " + messageId + " in " + reports, e);
        }
    }

    @Override
    public Optional<String> keptReport(String messageId) {
        Path kept = reports.resolve(fileName(messageId));
        try {
            return Files.exists(kept) ? Optional.of(Files.readString(kept, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the kept report of " + messageId, e);
        }
    }

    /** A message id as a file name: ids hold ':' and whatever a publisher chose. */
    private static String fileName(String messageId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(messageId.getBytes(StandardCharsets.UTF_8))) + ".json";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized boolean add(String key) {
        return !driven.contains(key) && inFlight.add(key);
    }

    @Override
    public synchronized boolean contains(String key) {
        return driven.contains(key) || inFlight.contains(key);
    }

    @Override
    public synchronized boolean remove(String key) {
        return inFlight.remove(key);
    }

    @Override
    public synchronized boolean confirm(String key) {
        inFlight.remove(key);
        if (!driven.add(key)) {
            return false;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("could not record driven message " + key + " in " + file, e);
        }
        return true;
    }

    @Override
    public synchronized void clear() {
        driven.clear();
        inFlight.clear();
    }
}
