package io.avatardrive.zego;

import java.util.Map;

/** Plain explanations of the ZEGO digital-human return codes, so an operator can act on an error without the vendor docs. */
public final class ZegoReturnCodes {

    public static final long OK = 0;
    public static final long SIGNATURE_EXPIRED = 100000004L;
    public static final long SIGNATURE_ERROR = 100000005L;
    public static final long TASK_NOT_FOUND = 400000005L;
    public static final long CONCURRENCY_LIMIT = 400000008L;
    public static final long SYSTEM_BUSY = 400010002L;
    public static final long NO_RESOURCES = 400010007L;
    public static final long QPS_LIMIT = 400010009L;

    private static final Map<Long, String> EXPLANATIONS = Map.ofEntries(
            Map.entry(OK, "success"),
            Map.entry(100000000L, "bad Host in the request"),
            Map.entry(100000001L, "AppId is malformed"),
            Map.entry(100000002L, "Timestamp is empty"),
            Map.entry(100000003L, "Timestamp is malformed"),
            Map.entry(SIGNATURE_EXPIRED, "the signature expired (the clock is more than 10 minutes off, or the request was replayed)"),
            Map.entry(SIGNATURE_ERROR, "the signature is wrong: check zego.app-id and zego.server-secret"),
            Map.entry(100000006L, "Action is empty"),
            Map.entry(100000007L, "Action is not supported"),
            Map.entry(100000008L, "SignatureNonce is empty"),
            Map.entry(100000009L, "Signature is empty"),
            Map.entry(100000010L, "the ServerSecret of this AppId could not be looked up"),
            Map.entry(100000011L, "the app configuration is wrong"),
            Map.entry(100000012L, "the request body could not be read"),
            Map.entry(100000013L, "SignatureVersion is empty"),
            Map.entry(100000014L, "SignatureVersion is not supported"),
            Map.entry(100000015L, "internal error of the API gateway"),
            Map.entry(100000017L, "the service is not enabled for this AppId"),
            Map.entry(400000001L, "invalid request parameters"),
            Map.entry(400000002L, "the digital-human service is not enabled for this AppId"),
            Map.entry(400000003L, "the digital human was not found"),
            Map.entry(400000004L, "the timbre was not found"),
            Map.entry(TASK_NOT_FOUND, "the TaskId was not found: the stream task does not exist or has ended"),
            Map.entry(400000006L, "the stream has not started"),
            Map.entry(400000007L, "the stream was already stopped"),
            Map.entry(CONCURRENCY_LIMIT, "the concurrency limit was reached"),
            Map.entry(400000009L, "the timbre is not supported"),
            Map.entry(400000010L, "internal configuration error"),
            Map.entry(400000015L, "the StreamId already exists"),
            Map.entry(400000016L, "model version error"),
            Map.entry(400010000L, "system error at ZEGO"),
            Map.entry(400010001L, "no permission for this API"),
            Map.entry(SYSTEM_BUSY, "the system is busy, try again later"),
            Map.entry(NO_RESOURCES, "no resources available, try again later"),
            Map.entry(QPS_LIMIT, "the rate limit (10 calls per second per AppId) was exceeded"));

    private ZegoReturnCodes() {
    }

    /** Codes that say "not now" rather than "never": the same call may succeed later, with a fresh signature. */
    public static boolean isTransient(long code) {
        return code == SIGNATURE_EXPIRED || code == SYSTEM_BUSY || code == QPS_LIMIT || code == NO_RESOURCES
               || code == CONCURRENCY_LIMIT;
    }

    /** Every code of the vendor's table. */
    public static java.util.Set<Long> known() {
        return EXPLANATIONS.keySet();
    }

    public static String explain(long code) {
        return EXPLANATIONS.getOrDefault(code, "unknown return code (not in the vendor's table)");
    }
}
