package io.avatardrive.volc;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avatardrive.settings.DriveSettings;
import io.avatardrive.settings.VendorSettings;
import io.avatardrive.settings.VendorSettingsReader;

/**
 * How to reach a Volcengine virtual human: the TTA socket, the account, and the session's uid, role and optional
 * role_conf / video / rtc / rtmp blocks (JSON objects, sent as given).
 */
public record VolcSettings(
        String ttaUrl,
        String appId,
        String accessToken,
        String uid,
        String role,
        ObjectNode sessionExtras,
        int chunkMs,
        long voiceEndTimeoutMs,
        long handshakeTimeoutMs,
        int maxTextChars) implements VendorSettings {

    public static final String VENDOR_TTA_URL = "wss://openspeech.bytedance.com/api/v1/volc_virtual_human/tta/2d";
    /** The vendor does not take less than a second of audio in one frame. */
    public static final int MIN_CHUNK_MS = 1000;
    /**
     * The longest text said in one drive. The document gives no limit; a thousand characters is a few minutes of
     * speech, and Volcengine's speech synthesis takes about that much in one request.
     */
    public static final int DEFAULT_MAX_TEXT_CHARS = 1000;
    /** Slower than any voice at speed 1: Mandarin is said at about four characters a second. */
    static final long SPEECH_MS_PER_CHARACTER = 400;

    /** Its keys and how they are read, for the settings. */
    public static final class Reader implements VendorSettingsReader {

        @Override
        public List<String> keys() {
            return List.of("volc.tta-url", "volc.app-id", "volc.access-token", "volc.uid", "volc.role", "volc.role-conf",
                    "volc.video", "volc.rtc", "volc.rtmp", "volc.chunk-ms", "volc.voice-end-timeout-ms",
                    "volc.handshake-timeout-ms", "volc.speed", "volc.pitch", "volc.volume", "volc.max-text-chars");
        }

        @Override
        public VendorSettings read(DriveSettings.Reader r) {
            return VolcSettings.read(r);
        }
    }

    static VolcSettings read(DriveSettings.Reader r) {
        ObjectNode extras = DriveSettings.Reader.JSON.createObjectNode();
        for (String block : new String[] {"role_conf", "video", "rtc", "rtmp"}) {
            ObjectNode value = r.jsonObject("volc." + block.replace('_', '-'));
            if (value != null) {
                extras.set(block, value);
            }
        }
        // the speaking voice's speed, pitch and volume, in the document's ranges, join role_conf (and win over it)
        String[][] voice = {{"speed", "0.25", "3"}, {"pitch", "0", "10"}, {"volume", "0", "3"}};
        for (String[] field : voice) {
            Double value = r.decimal("volc." + field[0], Double.parseDouble(field[1]), Double.parseDouble(field[2]));
            if (value != null) {
                ObjectNode roleConf = extras.has("role_conf") ? (ObjectNode) extras.get("role_conf")
                        : extras.putObject("role_conf");
                roleConf.put(field[0], value);
            }
        }
        return new VolcSettings(
                r.webSocketUrl("volc.tta-url", VENDOR_TTA_URL),
                r.text("volc.app-id", ""),
                r.text("volc.access-token", ""),
                r.text("volc.uid", "avatar-drive"),
                r.text("volc.role", ""),
                extras,
                (int) r.number("volc.chunk-ms", MIN_CHUNK_MS, MIN_CHUNK_MS),
                r.number("volc.voice-end-timeout-ms", 15_000, 1),
                r.number("volc.handshake-timeout-ms", 5000, 1),
                (int) r.number("volc.max-text-chars", DEFAULT_MAX_TEXT_CHARS, 1));
    }

    /**
     * How long a text of this many characters may take to be said before its voice_end is given up on: the voice-end
     * timeout, plus a generous time per character, stretched for a slow {@code speed}.
     */
    public long speechTimeoutMs(int characters) {
        double speed = sessionExtras.path("role_conf").path("speed").asDouble(1.0);
        return voiceEndTimeoutMs + Math.round(characters * SPEECH_MS_PER_CHARACTER / Math.max(0.25, speed));
    }

    @Override
    public boolean hasAccount() {
        return !appId.isBlank();
    }

    @Override
    public List<String> secrets() {
        return List.of(accessToken);
    }

    @Override
    public List<String> missing(DriveSettings settings) {
        List<String> missing = new java.util.ArrayList<>();
        if (hasAccount() && accessToken.isBlank()) {
            missing.add("volc.access-token is required with volc.app-id (env VOLC_ACCESS_TOKEN)");
        }
        if (hasAccount() && role.isBlank()) {
            missing.add("volc.role is required with volc.app-id (env VOLC_ROLE)");
        }
        return missing;
    }

    public VolcSettings withStandIn(String url, String standInAppId, String token, String standInRole) {
        return new VolcSettings(url, standInAppId, token, uid, role.isBlank() ? standInRole : role, sessionExtras,
                chunkMs, voiceEndTimeoutMs, handshakeTimeoutMs, maxTextChars);
    }

    @Override
    public String toString() {
        return "VolcSettings[ttaUrl=" + ttaUrl + ", appId=" + appId + ", accessToken="
               + (accessToken.isBlank() ? "" : "******") + ", uid=" + uid + ", role=" + role + ", sessionExtras="
               + sessionExtras + ", chunkMs=" + chunkMs + ", voiceEndTimeoutMs=" + voiceEndTimeoutMs + ", handshakeTimeoutMs="
               + handshakeTimeoutMs + ", maxTextChars=" + maxTextChars + "]";
    }
}
