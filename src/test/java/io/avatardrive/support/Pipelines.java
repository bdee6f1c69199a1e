package io.avatardrive.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import io.avatardrive.drive.DriveConfiguration;
import io.avatardrive.inbox.InboxConfiguration;
import io.avatardrive.settings.DriveSettings;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelBeanPostProcessor;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/** Wires a CamelContext the way the application does, for tests and benchmarks: beans, drive template, YAML routes. */
public final class Pipelines {

    private Pipelines() {
    }

    /** Applies the properties over the bundled application.properties, binds the beans, returns the YAML routes. */
    public static List<RoutesBuilder> wire(CamelContext context, Map<String, String> properties, List<String> routeFiles)
            throws Exception {
        Properties overrides = new Properties();
        overrides.putAll(properties);
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        context.getPropertiesComponent().setOverrideProperties(overrides);
        context.getRegistry().bind("driveSettings", settings(properties));
        configure(context, new DriveConfiguration());
        configure(context, new InboxConfiguration());
        List<RoutesBuilder> builders = new ArrayList<>();
        for (String file : routeFiles) {
            builders.addAll(PluginHelper.getRoutesLoader(context)
                    .findRoutesBuilders(ResourceHelper.resolveResource(context, "file:routes/" + file)));
        }
        return builders;
    }

    /** Binds a configuration class's beans, then runs its configure, as camel-main does with the application's. */
    public static void configure(CamelContext context, CamelConfiguration configuration) throws Exception {
        CamelBeanPostProcessor beans = PluginHelper.getBeanPostProcessor(context);
        beans.postProcessBeforeInitialization(configuration, configuration.getClass().getName());
        beans.postProcessAfterInitialization(configuration, configuration.getClass().getName());
        configuration.configure(context);
    }

    public static DriveSettings settings(Map<String, String> properties) {
        return DriveSettings.from(key -> Optional.ofNullable(properties.get(key)));
    }
}
