package io.avatardrive.console;

import io.avatardrive.drive.DriveBoard;
import io.avatardrive.settings.ApplicationSettings;
import io.avatardrive.settings.DriveSettings;
import io.avatardrive.web.OriginGuard;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console ingress's wiring: its paths on the management server, behind that server's login and an Origin guard. */
public class ConsoleConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleConfiguration.class);

    /**
     * The operator console on the management port: its paths join the management server's router once the context has
     * started (camel-main makes that server during the start), behind its authentication.
     */
    @Override
    public void configure(CamelContext context) {
        ApplicationSettings application = context.getRegistry().findSingleByType(ApplicationSettings.class);
        DriveSettings settings = context.getRegistry().findSingleByType(DriveSettings.class);
        if (application == null || !application.managementEnabled()) {
            return;
        }
        int managementPort = application.managementPort();
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) throws Exception {
                VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                        VertxPlatformHttpRouter.getRouterNameFromPort(managementPort));
                if (router == null) {
                    LOG.warn("No management server on port {}: the console is not served", managementPort);
                    return;
                }
                // no page of another site acts here, even with the operator's cached login
                new OriginGuard(application.managementOrigins(), !application.managementUsername().isEmpty())
                        .guard(router, "/*");
                new ConsoleRoutes(context.getRegistry().lookupByNameAndType(DriveBoard.BEAN, DriveBoard.class),
                        settings.inbox(), settings.taskId()).addTo(router);
                String base = "http://" + hostForUrl(application.managementHost()) + ":" + managementPort;
                LOG.info("Management at {}/observe/health, {}/observe/metrics; operator console at {}/console", base, base,
                        base);
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStartedEvent;
            }
        });
    }

    /** An address as a URL's host: an IPv6 literal in brackets. */
    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
