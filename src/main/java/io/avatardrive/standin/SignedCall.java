package io.avatardrive.standin;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.avatardrive.zego.ZegoReturnCodes;
import io.avatardrive.zego.ZegoSigner;
import io.vertx.core.http.HttpServerRequest;

/** The stand-in's check of a call's signature, as the vendor documents it: AppId, nonce once, version, fresh time. */
final class SignedCall {

    private static final long SIGNATURE_VALIDITY_S = Duration.ofMinutes(10).toSeconds();

    private final String appId;
    private final String serverSecret;
    private final Set<String> usedNonces = ConcurrentHashMap.newKeySet();

    SignedCall(String appId, String serverSecret) {
        this.appId = appId;
        this.serverSecret = serverSecret;
    }

    /** The vendor's return code for the call's signature: {@link ZegoReturnCodes#OK} when it is good. */
    long check(HttpServerRequest request) {
        String nonce = request.getParam("SignatureNonce");
        String timestamp = request.getParam("Timestamp");
        if (!appId.equals(request.getParam("AppId"))) {
            return 100000001L;
        }
        if (nonce == null || nonce.isEmpty()) {
            return 100000008L;
        }
        if (!"2.0".equals(request.getParam("SignatureVersion"))) {
            return 100000014L;
        }
        if (timestamp == null || !timestamp.matches("\\d+")) {
            return 100000003L;
        }
        long ts = Long.parseLong(timestamp);
        if (Math.abs(Instant.now().getEpochSecond() - ts) > SIGNATURE_VALIDITY_S) {
            return ZegoReturnCodes.SIGNATURE_EXPIRED;
        }
        if (!ZegoSigner.signature(appId, nonce, serverSecret, ts).equals(request.getParam("Signature"))
            || !usedNonces.add(nonce)) {
            return ZegoReturnCodes.SIGNATURE_ERROR;
        }
        return ZegoReturnCodes.OK;
    }
}
