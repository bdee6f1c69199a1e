package io.avatardrive.zego;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Signs ZEGO server API calls: Signature = md5(AppId + SignatureNonce + ServerSecret + Timestamp), lowercase hex. */
public final class ZegoSigner {

    private static final HexFormat HEX = HexFormat.of();

    private final SecureRandom random = new SecureRandom();

    /** A fresh nonce for every call: 16 hex characters from 8 random bytes. */
    public String newNonce() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    public static String signature(String appId, String nonce, String serverSecret, long timestampSeconds) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            String material = appId + nonce + serverSecret + timestampSeconds;
            return HEX.formatHex(md5.digest(material.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java runtime", e);
        }
    }

    /** The common query parameters of one signed call, in the order ZEGO documents them. */
    public SignedQuery sign(String action, String appId, String serverSecret, long timestampSeconds) {
        String nonce = newNonce();
        return new SignedQuery(action, appId, nonce, timestampSeconds,
                signature(appId, nonce, serverSecret, timestampSeconds));
    }

    /** The signed common parameters; holds no secret, so it may be logged. */
    public record SignedQuery(String action, String appId, String nonce, long timestamp, String signature) {

        public String toQueryString() {
            return "Action=" + action + "&AppId=" + appId + "&SignatureNonce=" + nonce
                   + "&SignatureVersion=2.0&Timestamp=" + timestamp + "&Signature=" + signature;
        }
    }
}
