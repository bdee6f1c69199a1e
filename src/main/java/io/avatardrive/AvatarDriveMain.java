package io.avatardrive;

import java.nio.file.Files;
import java.nio.file.Path;

import io.avatardrive.console.ConsoleConfiguration;
import io.avatardrive.drive.DriveConfiguration;
import io.avatardrive.inbox.InboxConfiguration;
import io.avatardrive.ingress.IngressConfiguration;
import io.avatardrive.kafka.KafkaConfiguration;
import io.avatardrive.live.LiveConfiguration;
import io.avatardrive.queue.QueueConfiguration;
import io.avatardrive.settings.ApplicationSettings;
import io.avatardrive.settings.InvalidSettingsException;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/** Starts the pipeline: camel-main with application.properties (./application.properties first if present, then the classpath). */
public final class AvatarDriveMain {

    private AvatarDriveMain() {
    }

    /**
     * camel-main's own profile switch (camel.main.profile, env CAMEL_MAIN_PROFILE): with explicit locations camel-main
     * no longer adds application-PROFILE.properties itself, so they name it, ahead of the base files it overrides.
     */
    static String profile() {
        String profile = System.getProperty("camel.main.profile", System.getenv("CAMEL_MAIN_PROFILE"));
        if (profile == null || profile.isBlank()) {
            return null;
        }
        if (!profile.matches("[A-Za-z0-9_-]{1,32}")) {
            System.err.println("avatar-drive cannot start: camel.main.profile '" + profile.replaceAll("[^ -~]", "?")
                               + "' is not a profile name ([A-Za-z0-9_-])");
            System.exit(2);
        }
        return profile;
    }

    /** ./application[-PROFILE].properties first if present, then the copies in the jar. */
    static String propertyLocations(String profile) {
        String base = "file:application.properties;optional=true,classpath:application.properties";
        return profile == null ? base : "file:application-" + profile + ".properties;optional=true,classpath:application-"
                                        + profile + ".properties;optional=true," + base;
    }

    /**
     * The application's configuration classes, the shared wiring first: its beans (the settings, the lanes) are what
     * each ingress's beans are made from, and camel-main binds every class's beans before it configures any.
     */
    static void addConfigurations(Main main) {
        main.configure().addConfiguration(AvatarDriveConfiguration.class);
        main.configure().addConfiguration(DriveConfiguration.class);
        main.configure().addConfiguration(InboxConfiguration.class);
        main.configure().addConfiguration(IngressConfiguration.class);
        main.configure().addConfiguration(QueueConfiguration.class);
        main.configure().addConfiguration(KafkaConfiguration.class);
        main.configure().addConfiguration(LiveConfiguration.class);
        main.configure().addConfiguration(ConsoleConfiguration.class);
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        addConfigurations(main);
        main.setPropertyPlaceholderLocations(propertyLocations(profile()));
        // an operator edits ./routes without rebuilding; started elsewhere, the copy in the jar is used
        if (System.getProperty("camel.main.routesIncludePattern") == null) {
            main.configure().setRoutesIncludePattern(
                    Files.isDirectory(Path.of("routes")) ? "file:routes/*.yaml" : "classpath:routes/*.yaml");
        }
        // before camel-main makes the management server: beyond loopback it needs credentials
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport configured) {
                try {
                    ManagementAccess.apply(ApplicationSettings.from(
                                    configured.getCamelContext().getPropertiesComponent()::resolveProperty),
                            configured.configure().httpManagementServer());
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("cannot prepare the management server's credentials", e);
                }
            }
        });
        try {
            main.run(args);
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InvalidSettingsException invalid) {
                    System.err.println("avatar-drive cannot start: " + invalid.getMessage());
                    System.exit(2);
                }
            }
            throw e;
        }
    }
}
