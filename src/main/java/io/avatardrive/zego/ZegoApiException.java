package io.avatardrive.zego;

import io.avatardrive.vendor.VendorException;

/** A DriveByWsStream answer with a non-zero Code: carries the code, the vendor's message and what it means. */
public class ZegoApiException extends VendorException {

    public ZegoApiException(long code, String vendorMessage) {
        super("zego", "ZEGO returned code", code, ZegoReturnCodes.explain(code), vendorMessage);
    }
}
