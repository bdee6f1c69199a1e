package io.avatardrive.drive;

import java.util.Optional;
import java.util.function.Function;

import io.avatardrive.settings.DriveSettings;
import org.apache.camel.CamelContext;
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
        return of(instance::getProperty, instance.getCamelContext());
    }

    /** The settings of these parameters (by setting key), each left out or blank falling back to the property. */
    static InstanceSettings of(Function<String, Object> parameters, CamelContext context) {
        DriveSettings settings = DriveSettings.from(key -> {
            Object parameter = parameters.apply(key);
            return parameter != null && !parameter.toString().isBlank() ? Optional.of(parameter.toString())
                    : context.getPropertiesComponent().resolveProperty(key);
        });
        AvatarBackends.of(context).requireKnown(settings);
        return new InstanceSettings(settings);
    }

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(AvatarDriveConstants.SETTINGS, settings);
    }
}
