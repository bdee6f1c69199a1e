package io.avatardrive.volc;

import java.util.Map;

/** The TTA status codes of a {@code |MSG|00|} frame, explained, and which of them are worth another try. */
public final class VolcCodes {

    public static final long OK = 1000;
    public static final long INVALID_PARAMETER = 1001;
    public static final long BUSY = 1002;
    public static final long INTERNAL_ERROR = 1003;
    public static final long ENCODING_ERROR = 1004;
    public static final long OTHER_ERROR = 1010;

    private static final Map<Long, String> EXPLANATIONS = Map.of(
            OK, "success",
            INVALID_PARAMETER, "invalid parameter: check volc.role, volc.uid and the role_conf/video/rtc/rtmp settings",
            BUSY, "the Volcengine server is busy; tried again later",
            INTERNAL_ERROR, "Volcengine internal error",
            ENCODING_ERROR, "encoding error (or, in older servers, another error)",
            OTHER_ERROR, "other error");

    private VolcCodes() {
    }

    public static boolean isTransient(long code) {
        return code == BUSY;
    }

    /** Every code of the vendor's table. */
    public static java.util.Set<Long> known() {
        return EXPLANATIONS.keySet();
    }

    public static String explain(long code) {
        return EXPLANATIONS.getOrDefault(code, "unknown status code (not in the vendor's table)");
    }
}
