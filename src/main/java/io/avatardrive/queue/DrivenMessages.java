package io.avatardrive.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The ids of messages whose drive sent Stop, kept in a file across restarts. Unlike Camel's file repository, an id is
 * written only on confirm, when the drive is done: a crash mid-drive leaves no trace, so the redelivered message is
 * driven again (at least once), while one that was driven but not committed is recognised (never twice).
 */
public class DrivenMessages extends ServiceSupport implements IdempotentRepository {

    private final Path file;
    private final Set<String> driven = new HashSet<>();
    private final Set<String> inFlight = new HashSet<>();

    public DrivenMessages(Path file) {
        this.file = file;
    }

    @Override
    protected synchronized void doStart() throws IOException {
        if (Files.exists(file)) {
            driven.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
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
