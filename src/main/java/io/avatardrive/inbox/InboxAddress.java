package io.avatardrive.inbox;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;

import io.avatardrive.drive.AvatarDriveConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Reads a dropped clip's address from where it lies: the inbox root drives the default task, inbox/TASKID/ drives
 * TASKID. A task folder may hold a {@value #FOLDER_SETTINGS} file whose drive.backend and voice.speaker apply to every
 * clip in it; it is hidden, so it is never taken for a clip. A clip named NAME.interrupt.wav (or .pcm, .RATE.pcm,
 * .txt, .ssml) barges in: it cuts the task's current drive and supersedes the clips waiting before it.
 */
public class InboxAddress implements Processor {

    public static final String FOLDER_SETTINGS = ".drive.properties";

    private static final Pattern INTERRUPTING = Pattern.compile("(?i).*\\.interrupt\\.(wav|pcm|[0-9]+\\.pcm|txt|ssml)$");

    private final String defaultTaskId;

    public InboxAddress(String defaultTaskId) {
        this.defaultTaskId = defaultTaskId;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        String relative = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class).replace('\\', '/');
        int slash = relative.indexOf('/');
        exchange.getMessage().setHeader(AvatarDriveConstants.TASK_ID, slash < 0 ? defaultTaskId : relative.substring(0, slash));
        exchange.getMessage().setHeader(AvatarDriveConstants.CLIP_NAME, relative);
        if (INTERRUPTING.matcher(relative).matches()) {
            exchange.getMessage().setHeader(AvatarDriveConstants.INTERRUPT, true);
        }
        String parent = exchange.getMessage().getHeader(Exchange.FILE_PARENT, String.class);
        if (slash >= 0 && parent != null) {
            Path folderSettings = Path.of(parent).resolve(FOLDER_SETTINGS);
            if (Files.isRegularFile(folderSettings)) {
                Properties p = new Properties();
                try (Reader in = Files.newBufferedReader(folderSettings, StandardCharsets.UTF_8)) {
                    p.load(in);
                }
                setIfPresent(exchange, AvatarDriveConstants.BACKEND, p.getProperty("drive.backend"));
                setIfPresent(exchange, AvatarDriveConstants.SPEAKER, p.getProperty("voice.speaker"));
            }
        }
    }

    private static void setIfPresent(Exchange exchange, String header, String value) {
        if (value != null) {
            exchange.getMessage().setHeader(header, value.trim());
        }
    }
}
