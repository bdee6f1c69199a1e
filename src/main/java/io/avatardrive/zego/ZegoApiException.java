package io.avatardrive.zego;

/** A DriveByWsStream answer with a non-zero Code: carries the code, the vendor's message and what it means. */
public class ZegoApiException extends RuntimeException {

    private final long code;
    private final String vendorMessage;

    public ZegoApiException(long code, String vendorMessage) {
        super("ZEGO returned code " + code + " (" + ZegoReturnCodes.explain(code) + "): " + vendorMessage);
        this.code = code;
        this.vendorMessage = vendorMessage;
    }

    public long getCode() {
        return code;
    }

    public String getVendorMessage() {
        return vendorMessage;
    }
}
