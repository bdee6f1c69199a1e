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

    /** Inside the inbox, hidden from its consumer: clips whose drive a shutdown cut short, handed back at the next start. */
    public static final String RESUME_FOLDER = ".resume";

    private final Path done;
    private final Path error;
    private final Path resume;

    public ClipArchive(Path inbox, Path done, Path error) {
        this.done = done;
        this.error = error;
        this.resume = inbox.resolve(RESUME_FOLDER);
    }

    /** Writes the report and tells the file consumer where to move the clip (the ARCHIVE_PATH header). */
    @Override
    public void process(Exchange exchange) throws IOException, InvalidPayloadException {
        DriveOutcome outcome = exchange.getMessage().getMandatoryBody(DriveOutcome.class);
        String relative = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        Path target = !outcome.succeeded() && exchange.getContext().isStopping() ? resume(relative) : archive(outcome, relative);
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

    /** A drive cut short by a shutdown is no failure of the clip: it goes back to the inbox when the pipeline starts again. */
    Path resume(String relative) throws IOException {
        Path target = resume.resolve(relative).normalize();
        if (!target.startsWith(resume)) {
            throw new IOException(relative + " would be kept outside " + resume);
        }
        Files.createDirectories(target.getParent());
        return target;
    }

    /** Hands back the clips a shutdown cut short, before the inbox is watched again; returns how many. */
    public static int handBack(Path inbox) throws IOException {
        Path resume = inbox.resolve(RESUME_FOLDER);
        if (!Files.isDirectory(resume)) {
            return 0;
        }
        int count = 0;
        try (var clips = Files.walk(resume)) {
            for (Path clip : clips.filter(Files::isRegularFile).toList()) {
                Path back = inbox.resolve(resume.relativize(clip));
                Files.createDirectories(back.getParent());
                if (!Files.exists(back)) {
                    Files.move(clip, back);
                    count++;
                }
            }
        }
        return count;
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
