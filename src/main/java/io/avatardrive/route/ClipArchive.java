package io.avatardrive.route;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Processor;

/**
 * Files a finished clip where the operator looks for it: done/ with NAME.EXT.json, or error/ with NAME.EXT.error.json,
 * keeping its TaskId folder. An earlier result with the same name is never overwritten: the new one gets a -N suffix.
 */
public final class ClipArchive implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path done;
    private final Path error;

    public ClipArchive(Path done, Path error) {
        this.done = done;
        this.error = error;
    }

    /** Writes the report and tells the file consumer where to move the clip (the ARCHIVE_PATH header). */
    @Override
    public void process(Exchange exchange) throws IOException, InvalidPayloadException {
        DriveOutcome outcome = exchange.getMessage().getMandatoryBody(DriveOutcome.class);
        String relative = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        Path target = archive(outcome, relative);
        exchange.getMessage().setHeader(DriveHeaders.ARCHIVE_PATH, target.toString());
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
        JSON.writeValue(partial.toFile(), outcome);
        Files.move(partial, report, StandardCopyOption.ATOMIC_MOVE);
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
