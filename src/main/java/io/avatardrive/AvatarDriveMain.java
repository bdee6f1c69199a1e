package io.avatardrive;

import java.nio.file.Files;
import java.nio.file.Path;

import io.avatardrive.settings.ApplicationSettings;
import io.avatardrive.settings.InvalidSettingsException;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/** Starts the pipeline: camel-main with application.properties (./application.properties first if present, then the classpath). */
public final class AvatarDriveMain {

    private AvatarDriveMain() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.configure().addConfiguration(AvatarDriveConfiguration.class);
        main.setPropertyPlaceholderLocations(
                "file:application.properties;optional=true,classpath:application.properties");
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
