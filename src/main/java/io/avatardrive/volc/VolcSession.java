package io.avatardrive.volc;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.avatardrive.vendor.SpeakingSession;
import io.avatardrive.vendor.SocketClients;
import io.avatardrive.vendor.VendorSocket;
import io.avatardrive.volc.VolcFrames.ServerFrame;
import io.vertx.core.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A drive of a Volcengine virtual human over the TTA socket: open the session with {@code |CTL|00|} and its JSON and
 * wait for a 1000 answer; in audio mode stream {@code |CTL|08|} audio with the last piece as {@code |CTL|09|}, in text
 * mode send the words in one {@code |CTL|02|} (cut short by {@code |CTL|03|}); wait for the avatar's {@code voice_end},
 * then close with {@code |CTL|01|}. Any status other than 1000 fails the drive.
 */
public final class VolcSession implements SpeakingSession, VendorSocket.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(VolcSession.class);
    private static final ServerFrame CLOSED = new ServerFrame("closed", null, new byte[0]);
    /** Put in the answers by {@link #interruptSpeech()}, so that a {@link #say} waiting for voice_end returns at once. */
    private static final ServerFrame INTERRUPTED = new ServerFrame("interrupted", null, new byte[0]);

    private final SocketClients clients;
    private final VolcSettings settings;
    private final long stallTimeoutMs;
    private final String clip;
    private final VolcFrames.InputMode mode;
    /** Volcengine gives a session no id of its own; this one names the drive in reports and logs. */
    private final String driveId = "volc-" + UUID.randomUUID();
    private final LinkedBlockingQueue<ServerFrame> answers = new LinkedBlockingQueue<>();
    private VendorSocket socket;
    private volatile boolean lastSent;
    /** Text mode: the words went out; the speech was stopped; the avatar said it all. Guarded by this. */
    private boolean chatSent;
    private boolean interrupted;
    private boolean voiceEnded;

    public VolcSession(SocketClients clients, VolcSettings settings, long stallTimeoutMs, String clip,
                       VolcFrames.InputMode mode) {
        this.clients = clients;
        this.settings = settings;
        this.stallTimeoutMs = stallTimeoutMs;
        this.clip = clip;
        this.mode = mode;
    }

    /** The socket's address with the account in its query, as the vendor asks. */
    public static String address(VolcSettings settings) {
        return settings.ttaUrl() + (settings.ttaUrl().contains("?") ? "&" : "?")
               + "appid=" + URLEncoder.encode(settings.appId(), StandardCharsets.UTF_8)
               + "&access_token=" + URLEncoder.encode(settings.accessToken(), StandardCharsets.UTF_8);
    }

    @Override
    public String driveId() {
        return driveId;
    }

    @Override
    public void open() throws Exception {
        long handshakeMs = settings.handshakeTimeoutMs();
        socket = VendorSocket.connect(clients.client(false), address(settings), handshakeMs, "the Volcengine TTA socket",
                this);
        socket.sendText(VolcFrames.open(settings.uid(), settings.role(), settings.appId(), mode,
                settings.sessionExtras()));
        ServerFrame answer = nextMessage(handshakeMs);
        if (answer == null) {
            throw new IOException("Volcengine TTA did not answer the session within " + handshakeMs
                                          + " ms (volc.handshake-timeout-ms)");
        }
        if (answer == CLOSED) {
            throw new IOException("Volcengine TTA closed the socket instead of answering the session");
        }
        requireOk(answer);
    }

    @Override
    public CompletableFuture<Void> audio(byte[] chunk, boolean last) {
        // a refusal that came while streaming (a status frame) ends the drive at once
        for (ServerFrame f = answers.poll(); f != null; f = answers.poll()) {
            if (f.isMessage() && f.code() != VolcCodes.OK) {
                return CompletableFuture.failedFuture(new VolcException(f.code(), f.message()));
            }
        }
        return socket.write(VolcFrames.audio(chunk, last)).thenRun(() -> lastSent = last);
    }

    @Override
    public Context context() {
        return socket.context();
    }

    @Override
    public long speechTimeoutMs(int characters) {
        return settings.speechTimeoutMs(characters);
    }

    /**
     * Text mode: says the words (plain text or SSML) in one {@code |CTL|02|} and waits for the avatar's voice_end, at
     * most {@code timeoutMs}. A status other than 1000 fails it; a missing voice_end does not, since the words are out
     * and sending them again could say them twice.
     */
    @Override
    public SpeechEnd say(String text, long timeoutMs) throws Exception {
        CompletableFuture<Void> written;
        synchronized (this) {
            if (interrupted) {
                return SpeechEnd.INTERRUPTED;
            }
            // written without waiting under the lock: an interrupt must never wait for a write to finish
            written = socket.write(VolcFrames.chat(text));
            chatSent = true;
        }
        try {
            written.get(stallTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the Volcengine TTA socket stalled: the text was not written within " + stallTimeoutMs
                                  + " ms (drive.stall-timeout-ms)", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            ServerFrame frame = answers.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame == INTERRUPTED) {
                return SpeechEnd.INTERRUPTED;
            }
            if (frame == null || frame == CLOSED) {
                LOG.warn("{}: no voice_end from the Volcengine avatar within {} ms (volc.voice-end-timeout-ms plus the"
                         + " text's length){}; the words were sent and are not sent again", clip, timeoutMs,
                        frame == CLOSED ? "; the socket closed" : "");
                return SpeechEnd.UNCONFIRMED;
            }
            requireOk(frame);
            if (VolcFrames.VOICE_END.equals(frame.eventType())) {
                synchronized (this) {
                    voiceEnded = true;
                }
                return SpeechEnd.SAID;
            }
        }
    }

    /**
     * Text mode: stops the avatar's speech now with {@code |CTL|03|}, if it is saying the words, and ends a {@link #say}
     * waiting for it; once called, {@link #say} says nothing. Never blocks, so any thread may call it.
     */
    @Override
    public void interruptSpeech() {
        synchronized (this) {
            if (interrupted) {
                return;
            }
            interrupted = true;
            if (chatSent && !voiceEnded) {
                socket.write(VolcFrames.INTERRUPT);
                LOG.info("{}: sent |CTL|03| to stop the Volcengine avatar's speech", clip);
            }
        }
        answers.add(INTERRUPTED);
    }

    /**
     * Audio mode: the last piece (empty if the stream was cut short), then the avatar's voice_end, then {@code |CTL|01|}.
     * Text mode: {@code |CTL|01|}, the voice_end having been awaited by {@link #say}.
     */
    @Override
    public void end() throws Exception {
        if (mode == VolcFrames.InputMode.TEXT) {
            socket.sendText(VolcFrames.CLOSE);
            return;
        }
        if (!lastSent) {
            socket.sendBinary(VolcFrames.audio(new byte[0], true));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.voiceEndTimeoutMs());
        boolean voiceEnded = false;
        while (!voiceEnded) {
            ServerFrame frame = answers.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame == null || frame == CLOSED) {
                // the audio is all out: trying again would speak it twice, so this is logged, not failed
                LOG.warn("{}: no voice_end from the Volcengine avatar within {} ms (volc.voice-end-timeout-ms){}", clip,
                        settings.voiceEndTimeoutMs(), frame == CLOSED ? "; the socket closed" : "");
                break;
            }
            requireOk(frame);
            voiceEnded = VolcFrames.VOICE_END.equals(frame.eventType());
        }
        socket.sendText(VolcFrames.CLOSE);
    }

    private ServerFrame nextMessage(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        ServerFrame frame;
        do {
            frame = answers.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } while (frame != null && frame != CLOSED && !frame.isMessage());
        return frame;
    }

    private static void requireOk(ServerFrame frame) {
        if (frame.isMessage() && frame.code() != VolcCodes.OK) {
            throw new VolcException(frame.code(), frame.message());
        }
    }

    @Override
    public void onText(String text) {
        keep(ServerFrame.parse(text));
    }

    @Override
    public void onBinary(byte[] data) {
        keep(ServerFrame.parse(data));
    }

    /** Status messages and events matter here; audio and video frames (no RTC or RTMP set) do not. */
    private void keep(ServerFrame frame) {
        if (frame.isMessage() || frame.eventType() != null) {
            answers.add(frame);
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        answers.add(CLOSED);
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
        }
    }
}
