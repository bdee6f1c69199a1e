package io.avatardrive;

import io.avatardrive.config.AvatarDriveConfiguration;
import org.apache.camel.main.Main;

/** Starts the pipeline: camel-main with application.properties (classpath, then ./application.properties if present). */
public final class AvatarDriveMain {

    private AvatarDriveMain() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.configure().addConfiguration(AvatarDriveConfiguration.class);
        main.setPropertyPlaceholderLocations(
                "classpath:application.properties,file:application.properties;optional=true");
        main.run(args);
    }
}
