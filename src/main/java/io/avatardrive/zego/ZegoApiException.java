package io.avatardrive.zego;

import io.avatardrive.vendor.Retry;
import io.avatardrive.vendor.VendorException;

/** A DriveByWsStream answer with a non-zero Code: carries the code, the vendor's message and what it means. */
public class ZegoApiException extends VendorException {

    public ZegoApiException(long code, String vendorMessage) {
        super("zego", "ZEGO returned code", code, ZegoReturnCodes.explain(code), vendorMessage);
    }

    /** An expired signature is signed afresh at once; busy, rate and resource codes are tried later. */
    @Override
    public Retry retry() {
        return getCode() == ZegoReturnCodes.SIGNATURE_EXPIRED ? Retry.AT_ONCE
                : ZegoReturnCodes.isTransient(getCode()) ? Retry.LATER : Retry.NEVER;
    }
}
