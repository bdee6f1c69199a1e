package io.avatardrive.config;

/** How to reach SAMI's VoiceConversionStream: the socket and the account's appkey and token. */
public record SamiSettings(String url, String appKey, String token) {

    public static final String VENDOR_URL = "wss://sami.bytedance.com/api/v1/ws";

    static SamiSettings read(DriveSettings.Reader r) {
        return new SamiSettings(r.webSocketUrl("sami.url", VENDOR_URL), r.text("sami.appkey", ""), r.text("sami.token", ""));
    }

    public boolean hasCredentials() {
        return !appKey.isBlank();
    }

    @Override
    public String toString() {
        return "SamiSettings[url=" + url + ", appKey=" + appKey + ", token=" + (token.isBlank() ? "" : "******") + "]";
    }
}
