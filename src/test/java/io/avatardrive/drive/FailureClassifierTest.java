package io.avatardrive.drive;

import java.util.Set;

import io.avatardrive.drive.FailureClassifier.Retry;
import io.avatardrive.sami.SamiCodes;
import io.avatardrive.volc.VolcCodes;
import io.avatardrive.zego.ZegoReturnCodes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every code of the three vendors' tables, and every stage, gets the retry the vendor's documentation implies. */
class FailureClassifierTest {

    private static Retry classify(String vendor, Long code, Stage stage) {
        return FailureClassifier.of(new FailureReport("a.wav", "t", stage, vendor, code, null, "a.wav: failed"));
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
            assertEquals(expected, classify(FailureReport.ZEGO, code, Stage.API), "ZEGO " + code);
        }
        assertEquals(Retry.NEVER, classify(null, 999999999L, Stage.API), "an unknown ZEGO code");
    }

    @Test
    void volcengineOnlyRetriesBusy() {
        for (long code : VolcCodes.known()) {
            if (code != VolcCodes.OK) {
                assertEquals(code == VolcCodes.BUSY ? Retry.LATER : Retry.NEVER,
                        classify(FailureReport.VOLC_TTA, code, Stage.CONNECT), "Volcengine " + code);
            }
        }
    }

    @Test
    void samiRetriesItsServerErrorsOnly() {
        for (long code : SamiCodes.known()) {
            if (code != SamiCodes.OK) {
                assertEquals(code >= 50000000L ? Retry.LATER : Retry.NEVER, classify(FailureReport.SAMI, code, Stage.VOICE),
                        "SAMI " + code);
            }
        }
        assertEquals(Retry.LATER, classify(FailureReport.SAMI, 55000000L, Stage.VOICE));
    }

    @Test
    void withoutAVendorCodeTheNetworkStagesAreRetriedLaterAndTheClipsOwnStagesNever() {
        for (Stage stage : Stage.values()) {
            Retry expected = switch (stage) {
                case API, CONNECT, STREAM, VOICE -> Retry.LATER;
                default -> Retry.NEVER;
            };
            assertEquals(expected, classify(null, null, stage), stage.label());
        }
    }
}
