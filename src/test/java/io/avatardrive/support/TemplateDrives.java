package io.avatardrive.support;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import io.avatardrive.drive.AvatarDriveConstants;
import io.avatardrive.drive.AvatarDriveRoute;
import io.avatardrive.drive.DriveFailedException;
import io.avatardrive.standin.ZegoStandIn;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/** One drive through a fresh instance of the avatar-drive template, in a plain CamelContext, for fault tests. */
public final class TemplateDrives {

    private TemplateDrives() {
    }

    /**
     * What a drive through the template ended with, as an embedding application sees it: its report as the reply, or,
     * for a failed drive, the report its {@link DriveFailedException} carries.
     */
    public static Object outcome(Callable<Object> request) throws Exception {
        try {
            return request.call();
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof DriveFailedException failed) {
                    return failed.report();
                }
            }
            throw e;
        }
    }

    /** Drives raw PCM at the given rate against the stand-in and returns the outcome (a report or a failure report). */
    public static Object driveOnce(ZegoStandIn standIn, String appId, String secret, Map<String, String> parameters,
                                   byte[] pcm, int sampleRate) throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            Properties properties = new Properties();
            properties.setProperty("zego.api-url", standIn.apiUrl());
            properties.setProperty("zego.app-id", appId);
            properties.setProperty("zego.server-secret", secret);
            context.getPropertiesComponent().setInitialProperties(properties);
            context.addRoutes(new AvatarDriveRoute());
            TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(context, AvatarDriveRoute.TEMPLATE)
                    .routeId("fault-drive").parameter(AvatarDriveRoute.ENDPOINT_PARAMETER, "direct:fault-drive");
            parameters.forEach(builder::parameter);
            builder.add();
            context.start();
            return outcome(() -> context.createProducerTemplate().requestBodyAndHeader("direct:fault-drive", pcm,
                    AvatarDriveConstants.SAMPLE_RATE, sampleRate));
        }
    }
}
