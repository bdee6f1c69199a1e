package io.avatardrive.zego;

import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.drive.AvatarBackend;
import io.avatardrive.drive.DriveFailure;
import io.avatardrive.drive.Stage;
import io.avatardrive.settings.DriveSettings;
import io.avatardrive.vendor.AvatarSession;
import io.avatardrive.vendor.SocketClients;
import io.avatardrive.vendor.VendorException;

/**
 * The ZEGO digital human as a backend: each drive first gets a fresh DriveId from a signed DriveByWsStream call, within
 * the AppId's quota, then streams PCM on that ticket's socket between a JSON Start and Stop.
 */
public final class ZegoBackend implements AvatarBackend {

    public static final String NAME = "zego";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ZegoSigner signer = new ZegoSigner();
    /** Made with the backend, so that the first drive finds the API client ready. */
    private final DriveByWsStreamCall api = new DriveByWsStreamCall().warm();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String accountKey() {
        return "zego.app-id";
    }

    @Override
    public boolean hasAccount(DriveSettings settings) {
        return settings.vendor(ZegoSettings.class).hasAccount();
    }

    @Override
    public int chunkMs(DriveSettings settings) {
        return settings.chunkMs();
    }

    @Override
    public boolean needsTicket() {
        return true;
    }

    /** zego.api-qps is per AppId. */
    @Override
    public String quotaKey(DriveSettings settings) {
        return settings.vendor(ZegoSettings.class).appId();
    }

    @Override
    public int quotaPermits(DriveSettings settings) {
        return Math.max(1, settings.vendor(ZegoSettings.class).apiQps() / 10);
    }

    /**
     * Signs a fresh nonce, timestamp and signature for this one call, then calls DriveByWsStream for the task, bounded
     * by zego.api-timeout-ms as a whole: a vendor that hangs or drips holds only its own task.
     */
    @Override
    public CompletableFuture<Object> ticket(String taskId, DriveSettings drive) {
        ZegoSettings settings = drive.vendor(ZegoSettings.class);
        String query;
        String body;
        try {
            query = signer.sign("DriveByWsStream", settings.appId(), settings.serverSecret(),
                    Instant.now().getEpochSecond()).toQueryString();
            body = JSON.writeValueAsString(Map.of("TaskId", taskId));
        } catch (RuntimeException | JsonProcessingException e) {
            return CompletableFuture.failedFuture(new DriveFailure(Stage.SIGN, "could not sign the DriveByWsStream call: "
                                                                               + e.getMessage(), e));
        }
        return api.call(settings.apiUrl(), query, body, settings.apiTimeoutMs())
                .thenApply(answer -> (Object) answer.toTicket())
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(explained(failure)));
    }

    /** A refusal keeps its code; anything else is said as a failure of the API stage. */
    private static Throwable explained(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof VendorException || cause instanceof DriveFailure) {
            return cause;
        }
        String kind = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return new DriveFailure(Stage.API, cause instanceof SocketTimeoutException
                ? "the DriveByWsStream call got no answer in time (zego.api-timeout-ms; " + kind + ")"
                : "the DriveByWsStream call failed (" + kind + ")", cause);
    }

    @Override
    public AvatarSession session(SessionRequest request) {
        DriveSettings settings = request.settings();
        return new ZegoSession(request.clients(), (DriveTicket) request.ticket(), request.sampleRate(),
                settings.vendor(ZegoSettings.class).wsTrustAll(), settings.stallTimeoutMs());
    }

    @Override
    public AvatarSession warmUpSession(SocketClients clients, String loopbackUrl) {
        return new ZegoSession(clients, new DriveTicket("warm-up", loopbackUrl, "warm-up"), 16000, false, 10_000);
    }
}
