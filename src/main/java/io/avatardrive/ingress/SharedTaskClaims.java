package io.avatardrive.ingress;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.avatardrive.drive.TaskClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims across instances as PostgreSQL session advisory locks, one per TaskId, on one connection of this instance:
 * whichever ingress a task's work came in by, two instances sharing drive.idempotency.jdbc-url never drive it at once.
 * The database releases an instance's locks when its connection ends, so a killed instance holds no task. A task
 * another instance drives is tried again every {@value #RETRY_MS} ms, without a thread waiting.
 */
public final class SharedTaskClaims implements TaskClaims, AutoCloseable {

    /** The first key of every lock: this application's space among other users of the database's advisory locks. */
    static final int LOCK_SPACE = 0x41445256;
    static final long RETRY_MS = 25;

    private static final Logger LOG = LoggerFactory.getLogger(SharedTaskClaims.class);

    private final String url;
    private final String username;
    private final String password;
    /** Every statement runs here, in order: a release always reaches the database before the task's next claim. */
    private final ScheduledExecutorService database = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "avatar-drive-task-claims");
        t.setDaemon(true);
        return t;
    });
    private Connection connection;

    public SharedTaskClaims(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    @Override
    public CompletionStage<Runnable> claim(String taskId) {
        CompletableFuture<Runnable> claimed = new CompletableFuture<>();
        database.execute(() -> attempt(taskId, claimed));
        return claimed;
    }

    private void attempt(String taskId, CompletableFuture<Runnable> claimed) {
        try {
            if (lock("SELECT pg_try_advisory_lock(?, hashtext(?))", taskId)) {
                claimed.complete(() -> database.execute(() -> release(taskId)));
            } else {
                database.schedule(() -> attempt(taskId, claimed), RETRY_MS, TimeUnit.MILLISECONDS);
            }
        } catch (SQLException e) {
            forget();
            claimed.completeExceptionally(new IllegalStateException("task " + taskId + " could not be claimed in the"
                    + " database of drive.idempotency.jdbc-url (SQLState " + e.getSQLState() + ")", e));
        }
    }

    private void release(String taskId) {
        try {
            lock("SELECT pg_advisory_unlock(?, hashtext(?))", taskId);
        } catch (SQLException e) {
            // a lost connection released every lock of this instance anyway
            LOG.warn("Could not release the claim on task {} (SQLState {}): the connection is renewed", taskId,
                    e.getSQLState());
            forget();
        }
    }

    private boolean lock(String sql, String taskId) throws SQLException {
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            statement.setInt(1, LOCK_SPACE);
            statement.setString(2, taskId);
            statement.setQueryTimeout(5);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = username.isEmpty() ? DriverManager.getConnection(url)
                    : DriverManager.getConnection(url, username, password);
        }
        return connection;
    }

    private void forget() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // it is being replaced
        }
        connection = null;
    }

    @Override
    public void close() {
        database.execute(this::forget);
        database.shutdown();
    }
}
