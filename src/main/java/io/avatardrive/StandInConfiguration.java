package io.avatardrive;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import io.avatardrive.drive.AvatarBackends;
import io.avatardrive.sami.SamiSettings;
import io.avatardrive.settings.DriveSettings;
import io.avatardrive.settings.StandInPolicy;
import io.avatardrive.standin.SamiStandIn;
import io.avatardrive.standin.VolcStandIn;
import io.avatardrive.standin.ZegoStandIn;
import io.avatardrive.volc.VolcSettings;
import io.avatardrive.zego.ZegoSettings;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vendors a run drives: each configured account, or, for a vendor without one and where drive.stand-ins allows, a
 * local stand-in, said loudly in the log; under the prod profile a missing account stops the start instead.
 */
final class StandInConfiguration {

    /** The AppId and default task the stand-ins play with; they are local and grant nothing anywhere. */
    static final String STAND_IN_APP_ID = "1234567890";
    static final String STAND_IN_TASK_ID = "local-avatar";
    static final String STAND_IN_ROLE = "local-role";

    private static final Logger LOG = LoggerFactory.getLogger(StandInConfiguration.class);

    private StandInConfiguration() {
    }

    /** The settings to drive with: the configured accounts, checked, and stand-ins for the missing ones if allowed. */
    static DriveSettings vendors(CamelContext context, DriveSettings settings, StandInPolicy policy) throws Exception {
        if (!policy.allowed()) {
            AvatarBackends.of(context).requireAccounts(settings, StandInPolicy.KEY + " = never (the prod profile) forbids a"
                                                                 + " local stand-in");
        }
        settings.requireCompleteAccounts();
        ZegoSettings zego = settings.vendor(ZegoSettings.class);
        if (zego.hasAccount()) {
            LOG.info("Driving the ZEGO avatar of AppId {} at {}", zego.appId(), zego.apiUrl());
        } else if (policy.allowed()) {
            settings = startStandIn(context, settings);
        }
        if (!settings.vendor(VolcSettings.class).hasAccount() && policy.allowed()) {
            settings = startVolcStandIn(context, settings);
        }
        if (!settings.vendor(SamiSettings.class).hasAccount() && policy.allowed()) {
            settings = startSamiStandIn(context, settings);
        }
        return settings;
    }

    private static DriveSettings startStandIn(CamelContext context, DriveSettings settings) throws Exception {
        String secret = randomSecret();
        ZegoStandIn standIn = new ZegoStandIn(STAND_IN_APP_ID, secret).start(0);
        AvatarDriveConfiguration.stopWithContext(context, standIn);
        LOG.info("No zego.app-id is set: driving the LOCAL ZEGO STAND-IN at {}, not a real avatar", standIn.apiUrl());
        LOG.info("Set ZEGO_APP_ID, ZEGO_SERVER_SECRET and ZEGO_TASK_ID to drive a real ZEGO digital human");
        ZegoSettings zego = settings.vendor(ZegoSettings.class).withStandIn(standIn.apiUrl(), STAND_IN_APP_ID, secret);
        DriveSettings local = settings.with(zego).withDefaultTask(STAND_IN_TASK_ID);
        override(context, Map.of("zego.api-url", zego.apiUrl(), "zego.app-id", zego.appId(),
                "zego.server-secret", zego.serverSecret(), "zego.task-id", local.taskId()));
        return local;
    }

    /** With no volc.app-id, clips sent to the volc-tta backend drive a local Volcengine stand-in. */
    private static DriveSettings startVolcStandIn(CamelContext context, DriveSettings settings) {
        String token = randomSecret();
        VolcStandIn standIn = new VolcStandIn(STAND_IN_APP_ID, token).start(0);
        AvatarDriveConfiguration.stopWithContext(context, standIn);
        LOG.info("No volc.app-id is set: the volc-tta backend drives the LOCAL VOLCENGINE STAND-IN at {}", standIn.ttaUrl());
        VolcSettings volc = settings.vendor(VolcSettings.class).withStandIn(standIn.ttaUrl(), STAND_IN_APP_ID, token,
                STAND_IN_ROLE);
        override(context, Map.of("volc.tta-url", volc.ttaUrl(), "volc.app-id", volc.appId(),
                "volc.access-token", volc.accessToken(), "volc.role", volc.role()));
        return settings.with(volc);
    }

    /** With no sami.appkey, voice conversion goes to a local SAMI stand-in that resamples instead of converting. */
    private static DriveSettings startSamiStandIn(CamelContext context, DriveSettings settings) {
        String token = randomSecret();
        SamiStandIn standIn = new SamiStandIn(STAND_IN_APP_ID, token).start(0);
        AvatarDriveConfiguration.stopWithContext(context, standIn);
        LOG.info("No sami.appkey is set: voice conversion uses the LOCAL SAMI STAND-IN at {}", standIn.url());
        SamiSettings sami = settings.vendor(SamiSettings.class).withStandIn(standIn.url(), STAND_IN_APP_ID, token);
        override(context, Map.of("sami.url", sami.url(), "sami.appkey", sami.appKey(), "sami.token", sami.token()));
        return settings.with(sami);
    }

    /** The drive route template reads these keys, so a stand-in's values override the configured ones. */
    private static void override(CamelContext context, Map<String, String> properties) {
        properties.forEach(context.getPropertiesComponent()::addOverrideProperty);
    }

    private static String randomSecret() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
