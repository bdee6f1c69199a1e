package io.avatardrive.settings;

/**
 * How to reach SAMI's VoiceConversionStream: the socket, the account's appkey and token, and how far ahead of real
 * time the input goes, which must cover the drive's own lead plus the converter's delay.
 */
public record SamiSettings(String url, String appKey, String token, int leadMs, long handshakeTimeoutMs) {

    public static final String VENDOR_URL = "wss://sami.bytedance.com/api/v1/ws";

    static SamiSettings read(DriveSettings.Reader r) {
        return new SamiSettings(r.webSocketUrl("sami.url", VENDOR_URL), r.text("sami.appkey", ""), r.text("sami.token", ""),
                r.nonNegative("sami.lead-ms", 1000), r.number("sami.handshake-timeout-ms", 5000, 1));
    }

    public boolean hasCredentials() {
        return !appKey.isBlank();
    }

    @Override
    public String toString() {
        return "SamiSettings[url=" + url + ", appKey=" + appKey + ", token=" + (token.isBlank() ? "" : "******") + ", leadMs=" + leadMs
               + ", handshakeTimeoutMs=" + handshakeTimeoutMs + "]";
    }
}
