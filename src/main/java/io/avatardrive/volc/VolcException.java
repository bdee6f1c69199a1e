package io.avatardrive.volc;

import io.avatardrive.vendor.VendorException;

/** A TTA session answered with a status code other than 1000: carries the code, the server's message and its meaning. */
public class VolcException extends VendorException {

    public VolcException(long code, String vendorMessage) {
        super("volc-tta", "Volcengine TTA returned code", code, VolcCodes.explain(code), vendorMessage);
    }
}
