package io.avatardrive.queue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The ids of driven messages in a database table that every instance on one broker shares, so that a message one
 * instance drove but could not commit (it was killed) is recognised by the instance the broker gives it to next.
 * <p>
 * Like {@link DrivenMessages}, and unlike Camel's {@code JdbcMessageIdRepository} (which inserts on {@code add}), an id
 * is written only on {@code confirm}, once the drive's last audio went out: a crash mid-drive leaves no row, so the
 * redelivered message is driven again rather than lost.
 */
public class SharedDrivenMessages extends ServiceSupport implements IdempotentRepository {

    static final String TABLE = "avatar_drive_driven_messages";

    private final String url;
    private final String username;
    private final String password;
    private final Set<String> inFlight = new HashSet<>();

    public SharedDrivenMessages(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    @Override
    protected void doStart() throws SQLException {
        try (Connection c = connect(); Statement create = c.createStatement()) {
            create.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                           + " (message_id VARCHAR(512) PRIMARY KEY, driven_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)");
        }
    }

    private Connection connect() throws SQLException {
        return username.isEmpty() ? DriverManager.getConnection(url) : DriverManager.getConnection(url, username, password);
    }

    @Override
    public boolean add(String key) {
        if (contains(key)) {
            return false;
        }
        synchronized (inFlight) {
            return inFlight.add(key);
        }
    }

    @Override
    public boolean contains(String key) {
        synchronized (inFlight) {
            if (inFlight.contains(key)) {
                return true;
            }
        }
        try (Connection c = connect();
             PreparedStatement find = c.prepareStatement("SELECT 1 FROM " + TABLE + " WHERE message_id = ?")) {
            find.setString(1, key);
            try (ResultSet found = find.executeQuery()) {
                return found.next();
            }
        } catch (SQLException e) {
            // not knowing must not speak a message twice: the message is rolled back and tried again later
            throw new IllegalStateException("the shared record of driven messages cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean remove(String key) {
        synchronized (inFlight) {
            return inFlight.remove(key);
        }
    }

    @Override
    public boolean confirm(String key) {
        synchronized (inFlight) {
            inFlight.remove(key);
        }
        try (Connection c = connect();
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE + " (message_id) VALUES (?)"
                                                           + " ON CONFLICT (message_id) DO NOTHING")) {
            insert.setString(1, key);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record driven message " + key + " in the shared record: "
                                            + e.getMessage(), e);
        }
    }

    @Override
    public void clear() {
        synchronized (inFlight) {
            inFlight.clear();
        }
    }
}
