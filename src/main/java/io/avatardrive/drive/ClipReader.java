package io.avatardrive.drive;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import javax.sound.sampled.AudioSystem;

import io.avatardrive.audio.AudioFormatProblem;
import io.avatardrive.audio.LiveAudio;
import io.avatardrive.audio.PcmClip;
import io.avatardrive.audio.PcmNormaliser;
import io.avatardrive.settings.DriveSettings;
import io.avatardrive.text.SpeechText;
import io.avatardrive.text.TextKind;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage of a drive: whatever came in (a file, bytes, a stream still being produced, words) becomes the drive
 * of a checked clip, registered where an interrupt for its task finds it.
 */
final class ClipReader {

    private static final Logger LOG = LoggerFactory.getLogger(ClipReader.class);
    private static final Pattern TASK_ID = Pattern.compile("[0-9A-Za-z_-]{1,128}");

    private final DriveResources resources;
    private final AvatarBackends backends;

    ClipReader(DriveResources resources, AvatarBackends backends) {
        this.resources = resources;
        this.backends = backends;
    }

    /**
     * Read and normalise: the body (a file or bytes) becomes a PCM stream the avatar accepts; with a speaker, converted
     * to that voice as it streams; at the backend's own rate if it has one.
     */
    void read(Exchange exchange) throws Exception {
        DriveSettings settings = DriveResources.settings(exchange);
        PcmNormaliser normaliser = new PcmNormaliser(settings.pcmSampleRate());
        String taskId = exchange.getMessage().getHeader(AvatarDriveConstants.TASK_ID, settings.taskId(), String.class);
        String name = exchange.getMessage().getHeader(AvatarDriveConstants.CLIP_NAME, "clip", String.class);
        String backendName = exchange.getMessage().getHeader(AvatarDriveConstants.BACKEND, settings.backend(), String.class).trim();
        String speaker = exchange.getMessage().getHeader(AvatarDriveConstants.SPEAKER, settings.speaker(), String.class).trim();
        exchange.setProperty(AvatarDriveConstants.STAGE, Stage.READ);
        if (!TASK_ID.matcher(taskId).matches()) {
            throw new DriveFailure(Stage.READ, name + ": '" + taskId + "' is not a valid TaskId (1-128 of [0-9A-Za-z_-])", null);
        }
        AvatarBackend backend = backends.get(backendName);
        if (backend == null) {
            throw new DriveFailure(Stage.READ, name + ": Backend '" + backendName + "' is not one of " + backends.names(),
                    null);
        }
        // without an account (and, under drive.stand-ins = never, without a stand-in) a vendor refuses its clips by name
        if (!backend.hasAccount(settings)) {
            throw new DriveFailure(Stage.READ, name + ": the " + backend.name() + " backend has no account here ("
                                               + backend.accountKey() + " is not set)", null);
        }

        Optional<TextKind> words = TextKind.ofLabel(exchange.getMessage().getHeader(AvatarDriveConstants.FORMAT, String.class))
                .or(() -> TextKind.ofName(name));
        if (words.isPresent()) {
            readText(exchange, settings, name, taskId, backend, speaker, words.get());
            return;
        }
        File file = exchange.getMessage().getBody(File.class);
        PcmClip clip;
        LongSupplier receivedAt = null;
        if (file != null) {
            clip = openFile(normaliser, file, name);
        } else {
            Object body = exchange.getMessage().getBody();
            InputStream in = exchange.getMessage().getMandatoryBody(InputStream.class);
            Integer rate = exchange.getMessage().getHeader(AvatarDriveConstants.SAMPLE_RATE, Integer.class);
            exchange.setProperty(AvatarDriveConstants.STAGE, Stage.DECODE);
            // a stream may still be being written (a TTS callback, a live ingress): its reads may wait, and a shutdown
            // cuts it for good; bytes and files (the queue's spooled clips) are whole, and a shutdown gives them back
            boolean live = isLive(body);
            if (live) {
                long readAt = System.nanoTime();
                receivedAt = body instanceof LiveAudio audio
                        ? () -> audio.firstAudioNanos() < 0 ? readAt : audio.firstAudioNanos() : () -> readAt;
            }
            clip = "pcm".equals(exchange.getMessage().getHeader(AvatarDriveConstants.FORMAT, String.class))
                    ? normaliser.raw(name, in, rate != null ? rate : settings.pcmSampleRate(), AudioSystem.NOT_SPECIFIED)
                    : normaliser.open(name, in, rate);
            if (body instanceof LiveAudio audio) {
                clip = clip.asLive(audio::readable);
            } else if (live) {
                clip = clip.asLive();
            }
        }
        if (!speaker.isEmpty()) {
            clip = converted(exchange, settings, name, speaker, clip);
        }
        if (backend.sampleRate() > 0) {
            clip = PcmNormaliser.resample(clip, backend.sampleRate());
        }
        ActiveDrive drive = new ActiveDrive(name, taskId, clip, settings, backend, speaker, receivedAt);
        if (exchange.getProperty(AvatarDriveConstants.BEFORE_STOP) == null) {
            drive.stopsWhenCut();
        }
        exchange.setProperty(AvatarDriveConstants.DRIVE, drive);
        // from here an interrupt for the task reaches it, even before it has a DriveId or a socket
        resources.active().add(drive, exchange.getProperty(AvatarDriveConstants.ARRIVED, System.nanoTime(), Long.class));
    }

    /** The clip in another speaker's voice, converted as it streams by the voice stage. */
    private PcmClip converted(Exchange exchange, DriveSettings settings, String name, String speaker, PcmClip clip)
            throws Exception {
        VoiceStage voice = backends.voice();
        if (voice == null || !voice.hasAccount(settings)) {
            throw new DriveFailure(Stage.VOICE, name + ": voice conversion to " + speaker + " has no account here"
                                                + (voice == null ? "" : " (" + voice.accountKey() + " is not set)"), null);
        }
        exchange.setProperty(AvatarDriveConstants.STAGE, Stage.VOICE);
        return voice.convert(resources.clients(exchange), resources.workers(), settings, speaker, clip);
    }

    /**
     * Words rather than audio: checked (UTF-8, not empty, well-formed SSML, no longer than the backend takes) and said
     * by the avatar in its own voice. A backend that takes audio only refuses them.
     */
    private void readText(Exchange exchange, DriveSettings settings, String name, String taskId, AvatarBackend backend,
                          String speaker, TextKind kind) throws Exception {
        if (!backend.takesText()) {
            throw new DriveFailure(Stage.READ, name + ": " + kind.label() + " needs the " + backends.namesTakingText()
                                               + " backend, and this task's is " + backend.name()
                                               + ", whose drive takes PCM audio only (set drive.backend = "
                                               + backends.namesTakingText() + " for the task, or send audio)", null);
        }
        if (!speaker.isEmpty()) {
            LOG.info("{}: words are said in the avatar's own voice; the speaker {} converts audio only", name, speaker);
        }
        exchange.setProperty(AvatarDriveConstants.STAGE, Stage.DECODE);
        File file = exchange.getMessage().getBody(File.class);
        SpeechText text;
        try (InputStream in = file != null ? fromFile(name, () -> Files.newInputStream(file.toPath()))
                : exchange.getMessage().getMandatoryBody(InputStream.class)) {
            text = SpeechText.read(name, in, kind, backend.maxTextChars(settings), backend.maxTextCharsKey());
        }
        ActiveDrive drive = new ActiveDrive(name, taskId, text, settings, backend);
        exchange.setProperty(AvatarDriveConstants.DRIVE, drive);
        resources.active().add(drive, exchange.getProperty(AvatarDriveConstants.ARRIVED, System.nanoTime(), Long.class));
    }

    /** Whether a body is audio still being produced, rather than bytes or a file that are whole. */
    private static boolean isLive(Object body) {
        return body instanceof InputStream && !(body instanceof ByteArrayInputStream || body instanceof FileInputStream);
    }

    /**
     * {@link #read} as a route step. Live audio is read on a worker: its header, or its first bytes, may take a while
     * to come, and the few threads that start drives must not wait for them.
     */
    AsyncProcessor reader() {
        return new AsyncProcessorSupport() {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                if (!isLive(exchange.getMessage().getBody())) {
                    readInto(exchange);
                    callback.done(true);
                    return true;
                }
                resources.workers().execute(() -> {
                    readInto(exchange);
                    callback.done(false);
                });
                return false;
            }

            private void readInto(Exchange exchange) {
                try {
                    read(exchange);
                } catch (Exception e) {
                    exchange.setException(e);
                }
            }
        };
    }

    private static PcmClip openFile(PcmNormaliser normaliser, File file, String name) throws IOException {
        try {
            return fromFile(name, () -> normaliser.open(file.toPath(), name));
        } catch (AudioFormatProblem e) {
            throw new DriveFailure(Stage.DECODE, e.getMessage(), e);
        }
    }

    /** A read of a clip's file. */
    private interface FileRead<T> {
        T read() throws IOException;
    }

    /** The file's own problems (gone, not readable) said in an operator's words, at stage read. */
    private static <T> T fromFile(String name, FileRead<T> read) throws IOException {
        try {
            return read.read();
        } catch (AccessDeniedException e) {
            throw new DriveFailure(Stage.READ, name + ": the file cannot be read (permission denied)", e);
        } catch (NoSuchFileException e) {
            throw new DriveFailure(Stage.READ, name + ": the file disappeared before it could be read", e);
        }
    }
}
