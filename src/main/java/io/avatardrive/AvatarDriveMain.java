package io.avatardrive;

import io.avatardrive.config.AvatarDriveConfiguration;
import io.avatardrive.config.InvalidSettingsException;
import org.apache.camel.main.Main;

/** Starts the pipeline: camel-main with application.properties (./application.properties first if present, then the classpath). */
public final class AvatarDriveMain {

    private AvatarDriveMain() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.configure().addConfiguration(AvatarDriveConfiguration.class);
        main.setPropertyPlaceholderLocations(
                "file:application.properties;optional=true,classpath:application.properties");
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
