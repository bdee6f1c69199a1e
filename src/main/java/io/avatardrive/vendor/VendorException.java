package io.avatardrive.vendor;

/**
 * A vendor answered with a code that is not success: which vendor, the code, the vendor's own message, and what the
 * code means, so that a report can carry all four and a retry can ask whether another try may succeed.
 */
public abstract class VendorException extends RuntimeException {

    private final String vendor;
    private final long code;
    private final String vendorMessage;

    protected VendorException(String vendor, String what, long code, String explanation, String vendorMessage) {
        super(what + " " + code + " (" + explanation + "): " + vendorMessage);
        this.vendor = vendor;
        this.code = code;
        this.vendorMessage = vendorMessage;
    }

    /** The vendor's name in reports. */
    public String getVendor() {
        return vendor;
    }

    public long getCode() {
        return code;
    }

    public String getVendorMessage() {
        return vendorMessage;
    }

    /** Whether another try may succeed, as the vendor's documentation of this code says. */
    public abstract Retry retry();
}
