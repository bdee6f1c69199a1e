package io.avatardrive.support;

import java.util.Map;

import io.avatardrive.standin.SamiStandIn;
import io.avatardrive.standin.VolcStandIn;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Volcengine TTA and SAMI stand-ins on free 127.0.0.1 ports, and the settings that point a pipeline at them. As a
 * static {@code @RegisterExtension} field they live as long as the test class.
 */
public final class VendorStandIns implements AutoCloseable, AfterAllCallback {

    public static final String VOLC_APP_ID = "volc-app-1";
    public static final String VOLC_TOKEN = "volc-access-token-0123456789";
    public static final String VOLC_ROLE = "LiuXuan";
    public static final String SAMI_APP_KEY = "sami-appkey-1";
    public static final String SAMI_TOKEN = "sami-token-0123456789";
    public static final String SPEAKER = "zh_female_qingxin_stream";
    /** Twice the tests' drive lead: the converter keeps ahead of the drive. */
    public static final int SAMI_LEAD_MS = 400;

    public final VolcStandIn volc;
    public final SamiStandIn sami;

    public VendorStandIns() {
        volc = new VolcStandIn(VOLC_APP_ID, VOLC_TOKEN).start(AvailablePortFinder.getNextAvailable());
        sami = new SamiStandIn(SAMI_APP_KEY, SAMI_TOKEN).start(AvailablePortFinder.getNextAvailable());
    }

    public Map<String, String> addTo(Map<String, String> p) {
        p.put("volc.tta-url", volc.ttaUrl());
        p.put("volc.app-id", VOLC_APP_ID);
        p.put("volc.access-token", VOLC_TOKEN);
        p.put("volc.role", VOLC_ROLE);
        p.put("volc.voice-end-timeout-ms", "5000");
        p.put("sami.url", sami.url());
        p.put("sami.appkey", SAMI_APP_KEY);
        p.put("sami.token", SAMI_TOKEN);
        p.put("sami.lead-ms", Integer.toString(SAMI_LEAD_MS));
        return p;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        volc.close();
        sami.close();
    }
}
