package io.avatardrive.config;

import java.security.SecureRandom;
import java.util.HexFormat;

import io.avatardrive.route.InboxRoute;
import io.avatardrive.route.ZegoDriveRoute;
import io.avatardrive.standin.ZegoStandIn;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the application from its settings: with no zego.app-id it starts the local stand-in and drives that; with one it
 * refuses to start unless the secret and task id are set too.
 */
public class AvatarDriveConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AvatarDriveConfiguration.class);

    /** The AppId, secret and default task the stand-in plays with; they are local and grant nothing anywhere. */
    static final String STAND_IN_APP_ID = "1234567890";
    static final String STAND_IN_TASK_ID = "local-avatar";

    @Override
    public void configure(CamelContext context) throws Exception {
        DriveSettings settings = settings(context);
        if (settings.hasCredentials()) {
            settings.requireCompleteCredentials();
            LOG.info("Driving the ZEGO avatar of AppId {} at {}", settings.appId(), settings.apiUrl());
        } else {
            settings = startStandIn(context, settings);
        }
        LOG.info("Watching {} (done: {}, error: {})", settings.inbox(), settings.done(), settings.error());

        context.getRegistry().bind("driveSettings", settings);
        context.addRoutes(new ZegoDriveRoute(settings));
        context.addRoutes(new InboxRoute(settings));
    }

    public static DriveSettings settings(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        return DriveSettings.from(properties::resolveProperty);
    }

    private static DriveSettings startStandIn(CamelContext context, DriveSettings settings) throws Exception {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        ZegoStandIn standIn = new ZegoStandIn(STAND_IN_APP_ID, secret).start(0);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                standIn.close();
            }
        });
        LOG.info("No zego.app-id is set: driving the LOCAL ZEGO STAND-IN at {}, not a real avatar", standIn.apiUrl());
        LOG.info("Set ZEGO_APP_ID, ZEGO_SERVER_SECRET and ZEGO_TASK_ID to drive a real ZEGO digital human");
        return settings.withStandIn(standIn.apiUrl(), STAND_IN_APP_ID, secret, STAND_IN_TASK_ID);
    }
}
