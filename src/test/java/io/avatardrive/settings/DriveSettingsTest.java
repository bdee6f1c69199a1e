package io.avatardrive.settings;

import java.util.Map;
import java.util.Optional;

import io.avatardrive.volc.VolcSettings;
import io.avatardrive.zego.ZegoSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriveSettingsTest {

    private static DriveSettings read(Map<String, String> keys) {
        return DriveSettings.from(key -> Optional.ofNullable(keys.get(key)));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        DriveSettings s = read(Map.of());
        assertEquals("https://aigc-digitalhuman-api.zegotech.cn", s.vendor(ZegoSettings.class).apiUrl());
        assertTrue(s.vendor(ZegoSettings.class).wsTrustAll());
        assertEquals(16000, s.pcmSampleRate());
        assertEquals(100, s.chunkMs());
        assertEquals(500, s.leadMs());
        assertEquals(64, s.maxConcurrent());
        assertEquals(10, s.vendor(ZegoSettings.class).apiQps());
        assertTrue(s.inbox().endsWith("data/inbox"));
        assertFalse(s.vendor(ZegoSettings.class).hasAccount());
    }

    @Test
    void everyBadValueIsNamedInOneMessage() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> read(Map.of(
                "drive.chunk-ms", "abc", "drive.pcm-sample-rate", "44100", "zego.api-url", "ftp://x", "zego.ws-trust-all", "yes")));
        assertTrue(e.getMessage().contains("drive.chunk-ms must be a whole number, was 'abc'"), e.getMessage());
        assertTrue(e.getMessage().contains("drive.pcm-sample-rate must be 16000 or 24000, was 44100"), e.getMessage());
        assertTrue(e.getMessage().contains("zego.api-url must be an http(s) URL"), e.getMessage());
        assertTrue(e.getMessage().contains("zego.ws-trust-all must be true or false"), e.getMessage());
    }

    @Test
    void anAppIdWithoutSecretOrTaskIsRefused() {
        DriveSettings s = read(Map.of("zego.app-id", "123"));
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, s::requireCompleteAccounts);
        assertTrue(e.getMessage().contains("zego.server-secret is required"), e.getMessage());
        assertTrue(e.getMessage().contains("zego.task-id is required"), e.getMessage());
    }

    @Test
    void theSecretIsNotInTheSettingsText() {
        DriveSettings s = read(Map.of("zego.app-id", "123", "zego.server-secret", "s3cr3tvalue", "zego.task-id", "t"));
        s.requireCompleteAccounts();
        assertFalse(s.toString().contains("s3cr3tvalue"));
    }

    @Test
    void redactorHidesSecretAndTokens() {
        Redactor r = new Redactor("s3cr3tvalue");
        assertEquals("x ****** ws://h/ws?Token=******&a=1", r.redact("x s3cr3tvalue ws://h/ws?Token=abc.def&a=1"));
    }

    @Test
    void badVendorSettingsAreNamedToo() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> read(Map.of(
                "drive.backend", "Hey Gen", "volc.chunk-ms", "500", "volc.role-conf", "voice_type=x",
                "sami.url", "https://sami.bytedance.com/api/v1/ws")));
        assertTrue(e.getMessage().contains("drive.backend must be a backend's name (lower-case letters, digits, dashes), was 'Hey Gen'"), e.getMessage());
        assertTrue(e.getMessage().contains("volc.chunk-ms must be at least 1000, was 500"), e.getMessage());
        assertTrue(e.getMessage().contains("volc.role-conf must be a JSON object"), e.getMessage());
        assertTrue(e.getMessage().contains("sami.url must be a ws(s) URL"), e.getMessage());
    }

    @Test
    void volcengineSpeedPitchAndVolumeJoinRoleConfAndAreCheckedAgainstTheDocumentsRanges() {
        DriveSettings s = read(Map.of("volc.role-conf", "{\"voice_type\":\"x\",\"speed\":1}", "volc.speed", "1.5",
                "volc.volume", "0.5"));
        assertEquals("{\"voice_type\":\"x\",\"speed\":1.5,\"volume\":0.5}",
                s.vendor(VolcSettings.class).sessionExtras().get("role_conf").toString());
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> read(Map.of(
                "volc.speed", "0.1", "volc.pitch", "11", "volc.volume", "loud")));
        assertTrue(e.getMessage().contains("volc.speed must be between 0.25 and 3.0, was 0.1"), e.getMessage());
        assertTrue(e.getMessage().contains("volc.pitch must be between 0.0 and 10.0, was 11"), e.getMessage());
        assertTrue(e.getMessage().contains("volc.volume must be a number, was 'loud'"), e.getMessage());
    }

    @Test
    void aTextsSpeechTimeoutGrowsWithItsLengthAndWithASlowSpeed() {
        DriveSettings normal = read(Map.of("volc.voice-end-timeout-ms", "5000"));
        assertEquals(1000, normal.vendor(VolcSettings.class).maxTextChars());
        assertEquals(5000 + 10 * 400, normal.vendor(VolcSettings.class).speechTimeoutMs(10));
        assertEquals(5000 + 100 * 400, normal.vendor(VolcSettings.class).speechTimeoutMs(100));
        DriveSettings slow = read(Map.of("volc.voice-end-timeout-ms", "5000", "volc.speed", "0.5"));
        assertEquals(5000 + 10 * 800, slow.vendor(VolcSettings.class).speechTimeoutMs(10));
    }

    @Test
    void aTextLimitBelowOneStopsTheStart() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> read(Map.of("volc.max-text-chars", "0")));
        assertTrue(e.getMessage().contains("volc.max-text-chars"), e.getMessage());
        assertEquals(40, read(Map.of("volc.max-text-chars", "40")).vendor(VolcSettings.class).maxTextChars());
    }

    @Test
    void aVolcengineOrSamiAccountWithoutItsTokenIsRefused() {
        DriveSettings s = read(Map.of("volc.app-id", "v1", "sami.appkey", "k1"));
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, s::requireCompleteAccounts);
        assertTrue(e.getMessage().contains("volc.access-token is required"), e.getMessage());
        assertTrue(e.getMessage().contains("volc.role is required"), e.getMessage());
        assertTrue(e.getMessage().contains("sami.token is required"), e.getMessage());
    }

    @Test
    void vendorTokensAreNotInTheSettingsTextAndAreRedacted() {
        DriveSettings s = read(Map.of("volc.access-token", "v0lct0ken", "sami.token", "s4mit0ken"));
        assertFalse(s.toString().contains("v0lct0ken"));
        assertFalse(s.toString().contains("s4mit0ken"));
        assertEquals("a ****** b ******", s.redactor().redact("a v0lct0ken b s4mit0ken"));
    }
}
