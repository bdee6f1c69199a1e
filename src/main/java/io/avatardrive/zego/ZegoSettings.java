package io.avatardrive.zego;

import java.util.ArrayList;
import java.util.List;

import io.avatardrive.settings.DriveSettings;
import io.avatardrive.settings.VendorSettings;
import io.avatardrive.settings.VendorSettingsReader;

/**
 * How to reach the ZEGO digital human's API: its URL, the account (AppId and ServerSecret, which signs each call), the
 * AppId's quota, the bound on one call, and whether the drive socket's certificate is checked.
 */
public record ZegoSettings(String apiUrl, String appId, String serverSecret, boolean wsTrustAll, int apiQps,
                           long apiTimeoutMs) implements VendorSettings {

    public static final String VENDOR_API_URL = "https://aigc-digitalhuman-api.zegotech.cn";

    /** Its keys and how they are read, for the settings. */
    public static final class Reader implements VendorSettingsReader {

        @Override
        public List<String> keys() {
            return List.of("zego.api-url", "zego.app-id", "zego.server-secret", "zego.ws-trust-all", "zego.api-qps",
                    "zego.api-timeout-ms");
        }

        @Override
        public VendorSettings read(DriveSettings.Reader r) {
            return new ZegoSettings(r.url("zego.api-url", VENDOR_API_URL), r.text("zego.app-id", ""),
                    r.text("zego.server-secret", ""), r.bool("zego.ws-trust-all", true), r.positive("zego.api-qps", 10),
                    r.number("zego.api-timeout-ms", 5000, 1));
        }
    }

    /** Whether a real ZEGO account is configured; without one the local stand-in is used. */
    @Override
    public boolean hasAccount() {
        return !appId.isBlank();
    }

    @Override
    public List<String> secrets() {
        return List.of(serverSecret);
    }

    /** What a real-account configuration lacks to work, every missing key at once. */
    @Override
    public List<String> missing(DriveSettings settings) {
        List<String> missing = new ArrayList<>();
        if (!hasAccount()) {
            return missing;
        }
        if (!appId.matches("\\d+")) {
            missing.add("zego.app-id must be the numeric AppId (env ZEGO_APP_ID)");
        }
        if (serverSecret.isBlank()) {
            missing.add("zego.server-secret is required with zego.app-id (env ZEGO_SERVER_SECRET)");
        }
        if (settings.taskId().isBlank()) {
            missing.add("zego.task-id is required with zego.app-id (env ZEGO_TASK_ID)");
        }
        return missing;
    }

    public ZegoSettings withStandIn(String standInApiUrl, String standInAppId, String standInSecret) {
        return new ZegoSettings(standInApiUrl, standInAppId, standInSecret, wsTrustAll, apiQps, apiTimeoutMs);
    }

    /** The settings as a safe string: the secret is never part of it. */
    @Override
    public String toString() {
        return "ZegoSettings[apiUrl=" + apiUrl + ", appId=" + appId + ", serverSecret="
               + (serverSecret.isBlank() ? "" : "******") + ", wsTrustAll=" + wsTrustAll + ", apiQps=" + apiQps
               + ", apiTimeoutMs=" + apiTimeoutMs + "]";
    }
}
