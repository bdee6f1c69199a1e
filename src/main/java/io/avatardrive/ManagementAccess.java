package io.avatardrive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.avatardrive.settings.ApplicationSettings;
import io.avatardrive.settings.InvalidSettingsException;
import io.avatardrive.settings.Loopback;
import org.apache.camel.main.HttpManagementServerConfigurationProperties;

/**
 * Who may reach the management port (health, metrics): anyone on the machine while it listens on loopback only; beyond
 * loopback, only with management.username and management.password, checked by the management server's basic
 * authentication. Binding beyond loopback without them stops the start, naming both settings.
 */
public final class ManagementAccess {

    private static final String ROLE = "avatar-drive-operator";

    private ManagementAccess() {
    }

    /** Applies the access rule to camel-main's management server before it is made. */
    public static void apply(ApplicationSettings settings, HttpManagementServerConfigurationProperties server)
            throws IOException {
        String host = settings.managementHost();
        String username = settings.managementUsername();
        String password = settings.managementPassword();
        if (username.isEmpty()) {
            Loopback.require("management.host", host, "management.username and management.password");
            return;
        }
        if (password.isEmpty() || password.contains(",") || username.contains(",") || username.contains("=")
            || (username + password).chars().anyMatch(Character::isISOControl)) {
            throw new InvalidSettingsException("management.username needs a management.password; neither may contain"
                                               + " ',', '=' (in the name) or control characters");
        }
        server.setAuthenticationEnabled(true);
        server.setAuthenticationPath("/*");
        server.setBasicPropertiesFile(passwordFile(username, password).toString());
    }

    /** The management server's basic authentication reads users from a file: one only this process can read. */
    private static Path passwordFile(String username, String password) throws IOException {
        Path file = Files.createTempFile("avatar-drive-management", ".properties",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        file.toFile().deleteOnExit();
        Files.writeString(file, "user." + username + " = " + password + "," + ROLE + "\nrole." + ROLE + " = *\n",
                StandardCharsets.UTF_8);
        return file;
    }
}
