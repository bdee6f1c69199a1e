package io.avatardrive.drive;

import java.util.Set;

import io.avatardrive.sami.SamiCodes;
import io.avatardrive.sami.SamiException;
import io.avatardrive.vendor.Retry;
import io.avatardrive.vendor.VendorException;
import io.avatardrive.volc.VolcCodes;
import io.avatardrive.volc.VolcException;
import io.avatardrive.zego.ZegoApiException;
import io.avatardrive.zego.ZegoReturnCodes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every code of the three vendors' tables, and every stage, gets the retry the vendor's documentation implies. */
class FailureClassifierTest {

    /** A report as the drive makes it from a vendor's refusal: the code's retry comes from the vendor's exception. */
    private static Retry classify(VendorException answer, Stage stage) {
        return FailureClassifier.of(new FailureReport("a.wav", "t", stage, answer.getVendor(), answer.getCode(), null,
                "a.wav: failed", answer.retry()));
    }

    private static Retry classify(Stage stage) {
        return FailureClassifier.of(new FailureReport("a.wav", "t", stage, null, null, null, "a.wav: failed"));
    }

    @Test
    void zegoBusyRateAndResourceCodesAreRetriedLaterAnExpiredSignatureAtOnceAndEveryOtherCodeNever() {
        Set<Long> later = Set.of(ZegoReturnCodes.SYSTEM_BUSY, ZegoReturnCodes.QPS_LIMIT, ZegoReturnCodes.NO_RESOURCES,
                ZegoReturnCodes.CONCURRENCY_LIMIT);
        for (long code : ZegoReturnCodes.known()) {
            if (code == ZegoReturnCodes.OK) {
                continue;
            }
            Retry expected = code == ZegoReturnCodes.SIGNATURE_EXPIRED ? Retry.AT_ONCE
                    : later.contains(code) ? Retry.LATER : Retry.NEVER;
            assertEquals(expected, classify(new ZegoApiException(code, "m"), Stage.API), "ZEGO " + code);
        }
        assertEquals(Retry.NEVER, classify(new ZegoApiException(999999999L, "m"), Stage.API), "an unknown ZEGO code");
    }

    @Test
    void volcengineOnlyRetriesBusy() {
        for (long code : VolcCodes.known()) {
            if (code != VolcCodes.OK) {
                assertEquals(code == VolcCodes.BUSY ? Retry.LATER : Retry.NEVER,
                        classify(new VolcException(code, "m"), Stage.CONNECT), "Volcengine " + code);
            }
        }
    }

    @Test
    void samiRetriesItsServerErrorsOnly() {
        for (long code : SamiCodes.known()) {
            if (code != SamiCodes.OK) {
                assertEquals(code >= 50000000L ? Retry.LATER : Retry.NEVER, classify(new SamiException(code, "m"), Stage.VOICE),
                        "SAMI " + code);
            }
        }
        assertEquals(Retry.LATER, classify(new SamiException(55000000L, "m"), Stage.VOICE));
    }

    @Test
    void withoutAVendorCodeTheNetworkStagesAreRetriedLaterAndTheClipsOwnStagesNever() {
        for (Stage stage : Stage.values()) {
            Retry expected = switch (stage) {
                case API, CONNECT, STREAM, VOICE -> Retry.LATER;
                default -> Retry.NEVER;
            };
            assertEquals(expected, classify(stage), stage.label());
        }
    }
}
