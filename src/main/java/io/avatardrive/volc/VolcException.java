package io.avatardrive.volc;

/** A TTA session answered with a status code other than 1000: carries the code, the server's message and its meaning. */
public class VolcException extends RuntimeException {

    private final long code;
    private final String vendorMessage;

    public VolcException(long code, String vendorMessage) {
        super("Volcengine TTA returned code " + code + " (" + VolcCodes.explain(code) + "): " + vendorMessage);
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
