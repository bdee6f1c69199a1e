package io.avatardrive.sami;

import java.util.Map;

/** SAMI status codes, explained, and which of them are worth another try. */
public final class SamiCodes {

    public static final long OK = 20000000L;
    public static final long ILLEGAL_PAYLOAD = 40000022L;

    private static final Map<Long, String> EXPLANATIONS = Map.ofEntries(
            Map.entry(OK, "OK"),
            Map.entry(40000000L, "client error"),
            Map.entry(40000010L, "invalid audio data"),
            Map.entry(40000011L, "empty audio data"),
            Map.entry(40000012L, "illegal audio data"),
            Map.entry(40000013L, "the audio is too long"),
            Map.entry(40000016L, "the audio is too large"),
            Map.entry(40000020L, "invalid payload"),
            Map.entry(40000021L, "empty payload"),
            Map.entry(ILLEGAL_PAYLOAD, "illegal payload: an unknown voice.speaker, or audio settings SAMI refuses"),
            Map.entry(40000999L, "unknown client error"),
            Map.entry(40200001L, "invalid access: check sami.appkey and sami.token"),
            Map.entry(40200002L, "access denied: sami.token is wrong or expired (console tokens last one day)"),
            Map.entry(40200003L, "invalid method"),
            Map.entry(40200004L, "method denied"),
            Map.entry(40200014L, "namespace denied: VoiceConversionStream is not enabled for this appkey"));

    private SamiCodes() {
    }

    /** Server-side failures (5xxxxxxx) may pass; a refused request or credential will not. */
    public static boolean isTransient(long code) {
        return code >= 50000000L && code < 60000000L;
    }

    /** Every code of the vendor's table. */
    public static java.util.Set<Long> known() {
        return EXPLANATIONS.keySet();
    }

    public static String explain(long code) {
        return EXPLANATIONS.getOrDefault(code, code >= 50000000L ? "SAMI server error" : "unknown status code");
    }
}
