package io.avatardrive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.avatardrive.settings.ApplicationSettings;
import io.avatardrive.settings.DriveSettings;
import io.avatardrive.settings.InvalidSettingsException;
import io.avatardrive.settings.PortCheck;
import io.avatardrive.settings.RemovedSettings;
import io.avatardrive.settings.StandInPolicy;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's own wiring, what its ingresses share: the settings every drive reads (with the vendors' accounts,
 * or the local stand-ins where none is set and drive.stand-ins allows, from {@link StandInConfiguration}), the folders
 * and the shutdown. Each ingress has its configuration class in its
 * package; {@link AvatarDriveMain} lists them.
 */
public class AvatarDriveConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AvatarDriveConfiguration.class);

    @BindToRegistry("driveSettings")
    public DriveSettings driveSettings(CamelContext context) throws Exception {
        RemovedSettings.warnings(lookup(context)).forEach(LOG::warn);
        DriveSettings settings = StandInConfiguration.vendors(context, DriveSettings.from(lookup(context)),
                StandInPolicy.from(lookup(context)));
        requireWritable("drive.inbox", settings.inbox());
        requireWritable("drive.done", settings.done());
        requireWritable("drive.error", settings.error());
        return settings;
    }

    @BindToRegistry("applicationSettings")
    public ApplicationSettings applicationSettings(CamelContext context) {
        ApplicationSettings application = ApplicationSettings.from(lookup(context));
        // the management server (health, metrics, console) binds at start; one already taken stops the start, naming it
        if (application.managementEnabled()) {
            PortCheck.requireFree("management.port", application.managementHost(), application.managementPort());
        }
        return application;
    }

    /** On SIGTERM, drives in flight get drive.shutdown-timeout-ms to finish and send Stop before the process exits. */
    @Override
    public void configure(CamelContext context) {
        ApplicationSettings application = context.getRegistry().findSingleByType(ApplicationSettings.class);
        context.getShutdownStrategy().setTimeUnit(TimeUnit.MILLISECONDS);
        context.getShutdownStrategy().setTimeout(application.shutdownTimeoutMs());
    }

    /** A folder the pipeline cannot write would lose every clip's result; refuse to start instead. */
    static void requireWritable(String key, Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new InvalidSettingsException(key + " " + folder + " cannot be created (" + e.getMessage() + ")");
        }
        if (!Files.isWritable(folder)) {
            throw new InvalidSettingsException(key + " " + folder + " is not writable");
        }
    }

    static Function<String, Optional<String>> lookup(CamelContext context) {
        return context.getPropertiesComponent()::resolveProperty;
    }

    /** Closes {@code resource} when the context stops. */
    static void stopWithContext(CamelContext context, AutoCloseable resource) {
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() throws Exception {
                    resource.close();
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("could not register " + resource + " with the context", e);
        }
    }
}
