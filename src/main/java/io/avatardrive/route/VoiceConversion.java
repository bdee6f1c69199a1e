package io.avatardrive.route;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.avatardrive.audio.Pacer;
import io.avatardrive.audio.PcmChunker;
import io.avatardrive.audio.PcmClip;
import io.avatardrive.config.SamiSettings;
import io.avatardrive.sami.SamiException;
import io.avatardrive.sami.SamiFrames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A clip spoken in another voice: SAMI's VoiceConversionStream converts it while it is being driven. The input goes to
 * SAMI at real time after its own lead (sami.lead-ms, more than the drive's, so the drive never waits for it) from a
 * sender of its own; what comes back is a clip the drive reads as it arrives,
 * so the avatar starts speaking once the first converted audio is in, not once the conversion has finished.
 */
final class VoiceConversion implements VendorSocket.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceConversion.class);
    /** Input frames of 100 ms, as SAMI's own samples send. */
    private static final int INPUT_CHUNK_MS = 100;

    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final AudioPipe converted;
    private final String clipName;
    private final Pacer pacer;
    private volatile VendorSocket socket;
    private volatile Future<?> sender;

    private VoiceConversion(String clipName, int leadMs, long stallTimeoutMs) {
        this.clipName = clipName;
        this.pacer = new Pacer(leadMs);
        this.converted = new AudioPipe(stallTimeoutMs, "SAMI voice conversion", this::abandon);
    }

    /**
     * Starts converting {@code input} to {@code speaker} and returns the converted clip once its first audio is in.
     * Closing the returned clip ends the conversion.
     */
    static PcmClip start(SocketClients clients, Executor senders, SamiSettings sami, String speaker, PcmClip input,
                         int leadMs, long stallTimeoutMs) throws Exception {
        VoiceConversion conversion = new VoiceConversion(input.name(), leadMs, stallTimeoutMs);
        try {
            conversion.socket = VendorSocket.connect(clients.client(false), sami.url(), stallTimeoutMs, "the SAMI socket",
                    conversion);
            conversion.socket.sendText(SamiFrames.startTask(sami.token(), sami.appKey(), speaker, input.sampleRate()));
            conversion.awaitTaskStarted(stallTimeoutMs);
            FutureTask<Void> sender = new FutureTask<>(() -> conversion.send(input, sami), null);
            conversion.sender = sender;
            senders.execute(sender);
            conversion.converted.awaitFirstAudio();
        } catch (Exception e) {
            conversion.converted.close();
            input.close();
            throw e instanceof SamiException ? e : new DriveFailure(Stage.VOICE,
                    input.name() + ": voice conversion to '" + speaker + "' failed (" + e.getMessage() + ")", e);
        }
        LOG.info("{}: converting to voice '{}' with SAMI; driving as the converted audio arrives", input.name(), speaker);
        return new PcmClip(input.name(), SamiFrames.OUTPUT_SAMPLE_RATE, conversion.converted,
                input.conversionThen("voice " + speaker + " by SAMI"), true);
    }

    private void awaitTaskStarted(long timeoutMs) throws Exception {
        try {
            started.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new java.io.IOException("SAMI did not answer StartTask within " + timeoutMs + " ms", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The input at real time after the lead, then FinishTask; the converted audio is what paces the avatar. */
    private void send(PcmClip input, SamiSettings sami) {
        long bytesPerSecond = (long) input.sampleRate() * PcmClip.BYTES_PER_SAMPLE;
        long sent = 0;
        try (input) {
            PcmChunker chunks = new PcmChunker(input, INPUT_CHUNK_MS);
            while (chunks.hasNext() && !converted.ended()) {
                byte[] chunk = chunks.next();
                pacer.awaitTurn(sent * 1_000_000_000L / bytesPerSecond, (sent + chunk.length) * 1_000_000_000L / bytesPerSecond);
                socket.sendBinary(chunk);
                pacer.sent();
                sent += chunk.length;
            }
            if (!converted.ended()) {
                socket.sendText(SamiFrames.finishTask(sami.token(), sami.appKey()));
            }
        } catch (Exception e) {
            converted.fail(e);
        }
    }

    /** SAMI's answers, binary or text: TaskStarted, converted audio, TaskFinished, or a failure status. */
    @Override
    public void onText(String text) {
        SamiFrames.Response response = SamiFrames.Response.parse(text);
        if (response.failed()) {
            fail(new SamiException(response.statusCode(), response.statusText()));
            return;
        }
        converted.write(response.data());
        switch (response.event()) {
            case SamiFrames.TASK_STARTED -> started.complete(null);
            case SamiFrames.TASK_FINISHED -> {
                converted.finish();
                closeSocket();
            }
            case SamiFrames.TASK_FAILED -> fail(new SamiException(response.statusCode(), response.statusText()));
            default -> {
                // a TaskResponse carries audio only
            }
        }
    }

    @Override
    public void onBinary(byte[] pcm) {
        converted.write(pcm);
    }

    @Override
    public void onClosed(Throwable cause) {
        fail(new java.io.IOException("SAMI closed the connection before TaskFinished"
                                     + (cause == null ? "" : " (" + cause + ")"), cause));
    }

    private void fail(Exception cause) {
        started.completeExceptionally(cause);
        converted.fail(cause);
        closeSocket();
    }

    /** The drive ended early (failed, or cut short at shutdown): stop sending and hang up. */
    private void abandon() {
        pacer.cancel();
        Future<?> s = sender;
        if (s != null) {
            s.cancel(true);
        }
        closeSocket();
    }

    private void closeSocket() {
        VendorSocket s = socket;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public String toString() {
        return "voice conversion of " + clipName;
    }
}
