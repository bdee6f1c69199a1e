package io.avatardrive.volc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.avatardrive.settings.VolcSettings;
import io.avatardrive.vendor.AvatarSession;
import io.avatardrive.vendor.SocketClients;
import io.avatardrive.vendor.VendorSocket;
import io.avatardrive.volc.VolcFrames.ServerFrame;
import io.vertx.core.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A drive of a Volcengine virtual human over the TTA socket: open the session with {@code |CTL|00|} and its JSON and
 * wait for a 1000 answer, stream {@code |CTL|08|} audio with the last piece as {@code |CTL|09|}, wait for the
 * avatar's {@code voice_end}, then close with {@code |CTL|01|}. Any status other than 1000 fails the drive.
 */
public final class VolcSession implements AvatarSession, VendorSocket.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(VolcSession.class);
    private static final ServerFrame CLOSED = new ServerFrame("closed", null, new byte[0]);

    private final SocketClients clients;
    private final VolcSettings settings;
    private final long stallTimeoutMs;
    private final String clip;
    /** Volcengine gives a session no id of its own; this one names the drive in reports and logs. */
    private final String driveId = "volc-" + UUID.randomUUID();
    private final LinkedBlockingQueue<ServerFrame> answers = new LinkedBlockingQueue<>();
    private VendorSocket socket;
    private volatile boolean lastSent;

    public VolcSession(SocketClients clients, VolcSettings settings, long stallTimeoutMs, String clip) {
        this.clients = clients;
        this.settings = settings;
        this.stallTimeoutMs = stallTimeoutMs;
        this.clip = clip;
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
        socket.sendText(VolcFrames.open(settings.uid(), settings.role(), settings.appId(), settings.sessionExtras()));
        ServerFrame answer = nextMessage(handshakeMs);
        if (answer == null) {
            throw new java.io.IOException("Volcengine TTA did not answer the session within " + handshakeMs
                                          + " ms (volc.handshake-timeout-ms)");
        }
        if (answer == CLOSED) {
            throw new java.io.IOException("Volcengine TTA closed the socket instead of answering the session");
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

    /** The last piece (empty if the stream was cut short), then the avatar's voice_end, then {@code |CTL|01|}. */
    @Override
    public void end() throws Exception {
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
