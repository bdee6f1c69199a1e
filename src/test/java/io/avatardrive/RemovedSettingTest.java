package io.avatardrive;

import java.nio.file.Path;
import java.util.List;

import io.avatardrive.support.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A key an operator still sets from an earlier configuration, which no longer acts, is named at start-up. */
class RemovedSettingTest {

    @TempDir
    Path data;

    @Test
    void aRemovedKeySetByAnOperatorIsNamedInAStartUpWarningAndTheStartGoesOn() throws Exception {
        try (RunningApp app = RunningApp.start(data, List.of("-Ddrive.read-lock=changed"))) {
            assertTrue(app.output().contains("WARN") && app.output().contains(
                    "drive.read-lock is set but no longer used: every clip is taken only once it is complete"),
                    app.output());
        }
        try (RunningApp app = RunningApp.start(data, List.of())) {
            assertFalse(app.output().contains("no longer used"), "nothing is said when it is not set:\n" + app.output());
        }
    }
}
