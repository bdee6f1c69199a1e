package io.avatardrive.ingress;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ids of driven messages in a database table that every instance on one broker shares, so that a message one
 * instance drove but could not commit (it was killed) is recognised by the instance the broker gives it to next.
 * <p>
 * Like {@link DrivenMessages}, and unlike Camel's {@code JdbcMessageIdRepository} (which inserts on {@code add}), an id
 * is written only on {@code confirm}, once the drive's last audio went out: a crash mid-drive leaves no row, so the
 * redelivered message is driven again rather than lost.
 */
public class SharedDrivenMessages extends ServiceSupport implements DrivenRecord {

    static final String TABLE = "avatar_drive_driven_messages";
    private static final Logger LOG = LoggerFactory.getLogger(SharedDrivenMessages.class);

    /** How long a record call waits for a connection before it fails (and the message is rolled back, not lost). */
    static final long CONNECTION_TIMEOUT_MS = 5000;

    private final HikariDataSource pool;
    private final Set<String> inFlight = new HashSet<>();

    public SharedDrivenMessages(String url, String username, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("avatar-drive-driven-messages");
        config.setJdbcUrl(url);
        if (!username.isEmpty()) {
            config.setUsername(username);
            config.setPassword(password);
        }
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        // a database that is down at start delays the first record, it does not stop the start
        config.setInitializationFailTimeout(-1);
        pool = new HikariDataSource(config);
    }

    private volatile boolean tableReady;

    /** The table is made at start; a database that is down then only delays it until it is back. */
    @Override
    protected void doStart() {
        try (Connection c = connect()) {
            LOG.info("Driven messages are recorded in table {} of the shared database", TABLE);
        } catch (SQLException e) {
            LOG.warn("The shared record of driven messages cannot be reached yet ({}); messages wait until it can",
                    e.getMessage());
        }
    }

    /** The pool's connections close with the service for good, not at a route's stop, which a restart follows. */
    @Override
    protected void doShutdown() {
        pool.close();
    }

    /** A connection, with the table made on first use. */
    private Connection connect() throws SQLException {
        Connection c = pool.getConnection();
        if (!tableReady) {
            try (Statement create = c.createStatement()) {
                create.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (message_id VARCHAR(512) PRIMARY KEY,"
                               + " driven_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, report TEXT)");
                tableReady = true;
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    @Override
    public void keepReport(String messageId, String report) {
        try (Connection c = connect();
             PreparedStatement keep = c.prepareStatement("INSERT INTO " + TABLE + " (message_id, report) VALUES (?, ?)"
                                                         + " ON CONFLICT (message_id) DO UPDATE SET report = EXCLUDED.report")) {
            keep.setString(1, messageId);
            keep.setString(2, report);
            keep.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not keep the report of " + messageId + " in the shared record: "
                                            + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> keptReport(String messageId) {
        try (Connection c = connect();
             PreparedStatement find = c.prepareStatement("SELECT report FROM " + TABLE + " WHERE message_id = ?")) {
            find.setString(1, messageId);
            try (ResultSet found = find.executeQuery()) {
                return found.next() ? Optional.ofNullable(found.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the shared record of driven messages cannot be read: " + e.getMessage(), e);
        }
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
        return confirm(key, null);
    }

    /**
     * The id and the report so far (null: none yet) in one row, so that no instance ever sees the id without the report
     * it was recorded with.
     */
    @Override
    public boolean confirm(String key, String provisionalReport) {
        synchronized (inFlight) {
            inFlight.remove(key);
        }
        try (Connection c = connect();
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE + " (message_id, report) VALUES (?, ?)"
                                                           + " ON CONFLICT (message_id) DO NOTHING")) {
            insert.setString(1, key);
            insert.setString(2, provisionalReport);
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
