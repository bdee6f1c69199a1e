package io.avatardrive.drive;

import java.util.Optional;

import io.avatardrive.settings.DriveSettings;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.RouteTemplateContext;

/**
 * The settings of one instance of the drive template, read and checked once, when the instance is made: each key from
 * the instance's parameter if it has one, else from the property of that name. A bad value stops the route from being
 * made, with one line that names the key, instead of failing every clip later. Each clip through the instance carries
 * the same immutable record.
 */
public final class InstanceSettings implements Processor {

    private final DriveSettings settings;

    InstanceSettings(DriveSettings settings) {
        this.settings = settings;
    }

    /** Reads the instance's settings: its parameters first, the properties of the same names after. */
    static InstanceSettings of(RouteTemplateContext instance) {
        return new InstanceSettings(DriveSettings.from(key -> {
            Object parameter = instance.getProperty(key);
            return parameter != null && !parameter.toString().isBlank() ? Optional.of(parameter.toString())
                    : instance.getCamelContext().getPropertiesComponent().resolveProperty(key);
        }));
    }

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(AvatarDriveConstants.SETTINGS, settings);
    }
}
