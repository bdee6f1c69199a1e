package io.avatardrive.sami;

import io.avatardrive.vendor.Retry;
import io.avatardrive.vendor.VendorException;
import io.avatardrive.vendor.VoiceFailure;

/** SAMI refused or failed a voice conversion: carries the status code, the status text and its meaning. */
public class SamiException extends VendorException implements VoiceFailure {

    public SamiException(long code, String vendorMessage) {
        super("sami", "SAMI voice conversion returned status", code, SamiCodes.explain(code), vendorMessage);
    }

    @Override
    public Retry retry() {
        return SamiCodes.isTransient(getCode()) ? Retry.LATER : Retry.NEVER;
    }
}
