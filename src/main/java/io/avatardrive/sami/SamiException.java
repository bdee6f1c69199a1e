package io.avatardrive.sami;

/** SAMI refused or failed a voice conversion: carries the status code, the status text and its meaning. */
public class SamiException extends RuntimeException {

    private final long code;
    private final String vendorMessage;

    public SamiException(long code, String vendorMessage) {
        super("SAMI voice conversion returned status " + code + " (" + SamiCodes.explain(code) + "): " + vendorMessage);
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
