package io.avatardrive.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.avatardrive.inbox.InboxAddress;
import io.avatardrive.standin.SamiStandIn;
import io.avatardrive.standin.VolcStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The pipeline with all three vendors standing in on 127.0.0.1: ZEGO (from the base class), Volcengine TTA and SAMI. */
public abstract class VendorDriveTestSupport extends DriveTestSupport {

    private static VendorStandIns vendors;
    protected static VolcStandIn volc;
    protected static SamiStandIn sami;

    @BeforeAll
    static void startVendorStandIns() {
        vendors = new VendorStandIns();
        volc = vendors.volc;
        sami = vendors.sami;
    }

    @AfterAll
    static void stopVendorStandIns() {
        vendors.close();
    }

    @Override
    protected Map<String, String> properties() {
        return vendors.addTo(super.properties());
    }

    /** Gives a task folder its own backend and speaker, the way an operator does. */
    protected void folderSettings(String task, String settingsText) throws IOException {
        Path folder = settings.inbox().resolve(task);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(InboxAddress.FOLDER_SETTINGS), settingsText);
    }
}
