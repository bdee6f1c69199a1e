package io.avatardrive.settings;

import java.util.Optional;
import java.util.function.Function;

/**
 * The settings of the running application around the drive: how long a shutdown waits for drives in flight, and the
 * management port (camel-main's keys, read once here) with the credentials it needs beyond loopback.
 */
public record ApplicationSettings(
        long shutdownTimeoutMs,
        boolean managementEnabled,
        String managementHost,
        int managementPort,
        String managementUsername,
        String managementPassword,
        Origins managementOrigins) {

    public static ApplicationSettings from(Function<String, Optional<String>> lookup) {
        DriveSettings.Reader r = new DriveSettings.Reader(lookup);
        ApplicationSettings settings = new ApplicationSettings(
                r.number("drive.shutdown-timeout-ms", 30_000, 0),
                r.bool("camel.management.enabled", false),
                r.text("camel.management.host", "127.0.0.1"),
                r.positive("camel.management.port", 9876),
                r.text("management.username", ""),
                lookup.apply("management.password").orElse(""),
                Origins.of("management.allowed-origins", lookup.apply("management.allowed-origins").orElse("")));
        r.failIfProblems();
        return settings;
    }

    @Override
    public String toString() {
        return "ApplicationSettings[shutdownTimeoutMs=" + shutdownTimeoutMs + ", managementEnabled=" + managementEnabled
               + ", managementHost=" + managementHost + ", managementPort=" + managementPort + ", managementUsername="
               + managementUsername + ", managementPassword=" + (managementPassword.isEmpty() ? "" : "******") + "]";
    }
}
