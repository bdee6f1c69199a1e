package io.avatardrive.settings;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the record of driven messages lives: a local file by default, or a database every instance shares when
 * drive.idempotency.jdbc-url is set, so that no instance speaks a message another one already spoke.
 */
public record IdempotencySettings(String jdbcUrl, String username, String password, Path drivenMessages) {

    public static IdempotencySettings from(Function<String, Optional<String>> lookup) {
        Function<String, String> text = key -> lookup.apply(key).map(String::trim).orElse("");
        IdempotencySettings settings = new IdempotencySettings(text.apply("drive.idempotency.jdbc-url"),
                text.apply("drive.idempotency.username"), lookup.apply("drive.idempotency.password").orElse(""),
                new DriveSettings.Reader(lookup).path("drive.driven-messages", "data/driven-messages.txt"));
        if (settings.shared() && !settings.jdbcUrl().startsWith("jdbc:")) {
            throw new InvalidSettingsException("drive.idempotency.jdbc-url must be a JDBC URL (jdbc:postgresql://...)");
        }
        return settings;
    }

    /** Whether the record is shared in a database. */
    public boolean shared() {
        return !jdbcUrl.isEmpty();
    }

    @Override
    public String toString() {
        return "IdempotencySettings[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password="
               + (password.isEmpty() ? "" : "******") + ", drivenMessages=" + drivenMessages + "]";
    }
}
