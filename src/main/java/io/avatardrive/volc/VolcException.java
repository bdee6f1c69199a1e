package io.avatardrive.volc;

import io.avatardrive.vendor.Retry;
import io.avatardrive.vendor.VendorException;

/** A TTA session answered with a status code other than 1000: carries the code, the server's message and its meaning. */
public class VolcException extends VendorException {

    public VolcException(long code, String vendorMessage) {
        super("volc-tta", "Volcengine TTA returned code", code, VolcCodes.explain(code), vendorMessage);
    }

    @Override
    public Retry retry() {
        return VolcCodes.isTransient(getCode()) ? Retry.LATER : Retry.NEVER;
    }
}
