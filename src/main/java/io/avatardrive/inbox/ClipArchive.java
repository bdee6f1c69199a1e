package io.avatardrive.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.avatardrive.drive.DriveOutcome;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files a finished clip where the operator looks for it: done/ with NAME.EXT.json, or error/ with NAME.EXT.error.json,
 * keeping its TaskId folder. An earlier result with the same name is never overwritten: the new one gets a -N suffix.
 * It moves the clip itself, and only then lets the folder forget that the clip was driven, so that a clip dropped again
 * later is spoken again, while one found again after a crash between Stop and its filing is not.
 */
public final class ClipArchive implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final Logger LOG = LoggerFactory.getLogger(ClipArchive.class);

    private final Path done;
    private final Path error;
    private final DrivenClipLog driven;
    /** Clips whose filing waits for disk space, so that the log says so once per clip. */
    private final Set<String> unfiled = ConcurrentHashMap.newKeySet();

    public ClipArchive(Path done, Path error, DrivenClipLog driven) {
        this.done = done;
        this.error = error;
        this.driven = driven;
    }

    /**
     * Writes the report, moves the clip beside it, then forgets that it was driven. A clip whose drive a shutdown cut
     * short, or that never started, stays where it is in the inbox and is driven at the next start.
     */
    @Override
    public void process(Exchange exchange) throws IOException, InvalidPayloadException {
        if (exchange.getProperty(InboxSteps.WAITS, false, Boolean.class)) {
            return;
        }
        DriveOutcome outcome = exchange.getMessage().getMandatoryBody(DriveOutcome.class);
        String relative = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        Path clip = Path.of(exchange.getMessage().getHeader(DrivenClipLog.ABSOLUTE_PATH, String.class));
        if (!outcome.succeeded() && exchange.getContext().isStopping()) {
            LOG.info("{} stays in the inbox: the shutdown cut its drive short, it is driven at the next start",
                    relative);
            return;
        }
        String key = DrivenClipLog.key(exchange.getMessage());
        Path target;
        try {
            target = archive(outcome, relative);
        } catch (IOException e) {
            // a full disk: the clip stays in the inbox with its kept record, and is filed (not spoken) once it can be
            if (unfiled.add(key)) {
                LOG.warn("{} stays in the inbox for now: its report cannot be written ({}); it is filed once the disk"
                         + " has room", relative, InboxSteps.reason(e));
            }
            return;
        }
        unfiled.remove(key);
        Files.move(clip, target, LinkOption.NOFOLLOW_LINKS);
        driven.forget(key);
    }

    Path archive(DriveOutcome outcome, String relative) throws IOException {
        Path folder = outcome.succeeded() ? done : error;
        String suffix = outcome.succeeded() ? ".json" : ".error.json";
        Path wanted = folder.resolve(relative).normalize();
        if (!wanted.startsWith(folder)) {
            throw new IOException(relative + " would be filed outside " + folder);
        }
        Files.createDirectories(wanted.getParent());
        Path target = wanted;
        for (int n = 2; Files.exists(target) || Files.exists(report(target, suffix)); n++) {
            target = wanted.resolveSibling(numbered(wanted.getFileName().toString(), n));
        }
        // written beside and renamed into place, so a reader never sees half a report
        Path report = report(target, suffix);
        Path partial = report.resolveSibling(report.getFileName() + ".part");
        try {
            Files.write(partial, JSON.writeValueAsBytes(outcome));
            Files.move(partial, report, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // no half report is left behind
            Files.deleteIfExists(partial);
            throw e;
        }
        return target;
    }

    private static Path report(Path clip, String suffix) {
        return clip.resolveSibling(clip.getFileName() + suffix);
    }

    /** hello.wav -> hello-2.wav, hello.24000.pcm -> hello-2.24000.pcm: the rate stays readable in the name. */
    static String numbered(String name, int n) {
        int dot = name.indexOf('.');
        return dot < 0 ? name + "-" + n : name.substring(0, dot) + "-" + n + name.substring(dot);
    }
}
