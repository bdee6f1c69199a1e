package io.avatardrive.sami;

import java.util.List;

import io.avatardrive.settings.DriveSettings;
import io.avatardrive.settings.VendorSettings;
import io.avatardrive.settings.VendorSettingsReader;

/**
 * How to reach SAMI's VoiceConversionStream: the socket, the account's appkey and token, and how far ahead of real
 * time the input goes, which must cover the drive's own lead plus the converter's delay.
 */
public record SamiSettings(String url, String appKey, String token, int leadMs, long handshakeTimeoutMs)
        implements VendorSettings {

    public static final String VENDOR_URL = "wss://sami.bytedance.com/api/v1/ws";

    /** Its keys and how they are read, for the settings. */
    public static final class Reader implements VendorSettingsReader {

        @Override
        public List<String> keys() {
            return List.of("sami.url", "sami.appkey", "sami.token", "sami.lead-ms", "sami.handshake-timeout-ms");
        }

        @Override
        public VendorSettings read(DriveSettings.Reader r) {
            return SamiSettings.read(r);
        }
    }

    static SamiSettings read(DriveSettings.Reader r) {
        return new SamiSettings(r.webSocketUrl("sami.url", VENDOR_URL), r.text("sami.appkey", ""), r.text("sami.token", ""),
                r.nonNegative("sami.lead-ms", 1000), r.number("sami.handshake-timeout-ms", 5000, 1));
    }

    @Override
    public boolean hasAccount() {
        return !appKey.isBlank();
    }

    @Override
    public List<String> secrets() {
        return List.of(token);
    }

    @Override
    public List<String> missing(DriveSettings settings) {
        return hasAccount() && token.isBlank() ? List.of("sami.token is required with sami.appkey (env SAMI_TOKEN)")
                : List.of();
    }

    public SamiSettings withStandIn(String standInUrl, String standInAppKey, String standInToken) {
        return new SamiSettings(standInUrl, standInAppKey, standInToken, leadMs, handshakeTimeoutMs);
    }

    @Override
    public String toString() {
        return "SamiSettings[url=" + url + ", appKey=" + appKey + ", token=" + (token.isBlank() ? "" : "******") + ", leadMs=" + leadMs
               + ", handshakeTimeoutMs=" + handshakeTimeoutMs + "]";
    }
}
