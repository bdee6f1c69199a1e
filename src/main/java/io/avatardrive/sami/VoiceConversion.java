package io.avatardrive.sami;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.avatardrive.audio.AudioPipe;
import io.avatardrive.audio.PacedStream;
import io.avatardrive.audio.Pacer;
import io.avatardrive.audio.PcmChunker;
import io.avatardrive.audio.PcmClip;
import io.avatardrive.vendor.SocketClients;
import io.avatardrive.vendor.VendorSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A clip spoken in another voice: SAMI's VoiceConversionStream converts it while it is being driven. The input goes to
 * SAMI at real time after its own lead (sami.lead-ms, more than the drive's, so the drive never waits for it), paced
 * like a drive on the event loop of SAMI's connection; what comes back is a clip the drive reads as it arrives,
 * so the avatar starts speaking once the first converted audio is in, not once the conversion has finished.
 */
public final class VoiceConversion implements VendorSocket.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceConversion.class);
    /** Input frames of 100 ms, as SAMI's own samples send. */
    private static final int INPUT_CHUNK_MS = 100;

    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final AudioPipe converted;
    private final String clipName;
    private final Pacer pacer;
    private volatile VendorSocket socket;

    private VoiceConversion(String clipName, int leadMs, long stallTimeoutMs) {
        this.clipName = clipName;
        this.pacer = new Pacer(leadMs);
        this.converted = new AudioPipe(stallTimeoutMs, "SAMI voice conversion", this::abandon);
    }

    /**
     * Starts converting {@code input} to {@code speaker} and returns the converted clip once its first audio is in.
     * Closing the returned clip ends the conversion.
     */
    public static PcmClip start(SocketClients clients, Executor workers, SamiSettings sami, String speaker, PcmClip input,
                         int leadMs, long stallTimeoutMs) throws Exception {
        VoiceConversion conversion = new VoiceConversion(input.name(), leadMs, stallTimeoutMs);
        try {
            conversion.socket = VendorSocket.connect(clients.client(false), sami.url(), sami.handshakeTimeoutMs(),
                    "the SAMI socket", conversion);
            conversion.socket.sendText(SamiFrames.startTask(sami.token(), sami.appKey(), speaker, input.sampleRate()));
            conversion.awaitTaskStarted(sami.handshakeTimeoutMs());
            conversion.send(input, sami, workers, stallTimeoutMs);
            conversion.converted.awaitFirstAudio();
        } catch (Exception e) {
            conversion.converted.close();
            input.close();
            throw e instanceof SamiException ? e : new ConversionFailed(
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
            throw new java.io.IOException("SAMI did not answer StartTask within " + timeoutMs
                                          + " ms (sami.handshake-timeout-ms)", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The input at real time after the lead, then FinishTask; the converted audio is what paces the avatar. */
    private void send(PcmClip input, SamiSettings sami, Executor workers, long stallTimeoutMs) {
        new PacedStream(input, new PcmChunker(input, INPUT_CHUNK_MS), pacer, (chunk, last) -> socket.write(chunk),
                socket.context(), workers, stallTimeoutMs, "the SAMI socket").start().whenComplete((v, failure) -> {
                    try {
                        input.close();
                    } catch (java.io.IOException ignored) {
                        // the input was read to its end or given up; nothing is lost by not closing it cleanly
                    }
                    if (failure != null) {
                        converted.fail(failure);
                    } else if (!converted.ended()) {
                        socket.write(SamiFrames.finishTask(sami.token(), sami.appKey())).whenComplete((x, e) -> {
                            if (e != null) {
                                converted.fail(e);
                            }
                        });
                    }
                });
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
        pacer.cancel(new CancellationException("the drive ended"));
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
