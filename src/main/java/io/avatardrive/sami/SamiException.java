package io.avatardrive.sami;

import io.avatardrive.vendor.VendorException;

/** SAMI refused or failed a voice conversion: carries the status code, the status text and its meaning. */
public class SamiException extends VendorException {

    public SamiException(long code, String vendorMessage) {
        super("sami", "SAMI voice conversion returned status", code, SamiCodes.explain(code), vendorMessage);
    }
}
