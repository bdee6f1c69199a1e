package io.avatardrive.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.avatardrive.route.InboxAddress;
import io.avatardrive.standin.SamiStandIn;
import io.avatardrive.standin.VolcStandIn;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The pipeline with all three vendors standing in on 127.0.0.1: ZEGO (from the base class), Volcengine TTA and SAMI. */
public abstract class VendorDriveTestSupport extends DriveTestSupport {

    public static final String VOLC_APP_ID = "volc-app-1";
    public static final String VOLC_TOKEN = "volc-access-token-0123456789";
    public static final String VOLC_ROLE = "LiuXuan";
    public static final String SAMI_APP_KEY = "sami-appkey-1";
    public static final String SAMI_TOKEN = "sami-token-0123456789";
    public static final String SPEAKER = "zh_female_qingxin_stream";

    protected static VolcStandIn volc;
    protected static SamiStandIn sami;

    @BeforeAll
    static void startVendorStandIns() {
        volc = new VolcStandIn(VOLC_APP_ID, VOLC_TOKEN).start(AvailablePortFinder.getNextAvailable());
        sami = new SamiStandIn(SAMI_APP_KEY, SAMI_TOKEN).start(AvailablePortFinder.getNextAvailable());
    }

    @AfterAll
    static void stopVendorStandIns() {
        volc.close();
        sami.close();
    }

    @Override
    protected Map<String, String> properties() {
        Map<String, String> p = super.properties();
        p.put("volc.tta-url", volc.ttaUrl());
        p.put("volc.app-id", VOLC_APP_ID);
        p.put("volc.access-token", VOLC_TOKEN);
        p.put("volc.role", VOLC_ROLE);
        p.put("volc.voice-end-timeout-ms", "5000");
        p.put("sami.url", sami.url());
        p.put("sami.appkey", SAMI_APP_KEY);
        p.put("sami.token", SAMI_TOKEN);
        return p;
    }

    /** Gives a task folder its own backend and speaker, the way an operator does. */
    protected void folderSettings(String task, String settingsText) throws IOException {
        Path folder = settings.inbox().resolve(task);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(InboxAddress.FOLDER_SETTINGS), settingsText);
    }
}
