package io.avatardrive.drive;

import java.util.concurrent.ExecutorService;

import io.avatardrive.settings.DriveSettings;
import io.avatardrive.vendor.SocketClients;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.vertx.websocket.VertxWebsocketComponent;

/**
 * What the steps of one drive route share: the workers that may block, the drives in flight (where interrupts find
 * them), the WebSocket clients, the meters and the console's board.
 */
final class DriveResources {

    private static final long CONNECT_TIMEOUT_MS = 10_000;

    private final ExecutorService workers;
    private final TaskDrives active;
    private volatile SocketClients clients;
    private DriveMetrics metrics;

    /**
     * @param workers feeds voice conversions, reads their converted audio, and finishes drives: work that may block,
     *                kept off the event loops that pace the streams
     */
    DriveResources(ExecutorService workers, TaskDrives active) {
        this.workers = workers;
        this.active = active;
    }

    ExecutorService workers() {
        return workers;
    }

    TaskDrives active() {
        return active;
    }

    /** The settings of the route instance this exchange came through (see {@link AvatarDriveRoute}). */
    static DriveSettings settings(Exchange exchange) {
        return exchange.getProperty(AvatarDriveConstants.SETTINGS, DriveSettings.class);
    }

    static ActiveDrive drive(Exchange exchange) {
        return exchange.getProperty(AvatarDriveConstants.DRIVE, ActiveDrive.class);
    }

    DriveMetrics metrics(Exchange exchange) {
        return metrics(exchange.getContext());
    }

    /** The drive's meters, registered once the context's metrics registry is there (at the latest, at start). */
    synchronized DriveMetrics metrics(CamelContext context) {
        if (metrics == null) {
            metrics = DriveMetrics.of(context);
        }
        return metrics;
    }

    /** The operator console's board, when the application has one (an embedding application may not). */
    private static DriveBoard board(Exchange exchange) {
        return exchange.getContext().getRegistry().lookupByNameAndType(DriveBoard.BEAN, DriveBoard.class);
    }

    static void toBoard(Exchange exchange, DriveOutcome report) {
        DriveBoard board = board(exchange);
        if (board != null) {
            board.ended(report);
        }
    }

    SocketClients clients(Exchange exchange) {
        return clients(exchange.getContext());
    }

    /** The WebSocket clients, made once on camel-vertx-websocket's Vert.x (which a user may configure). */
    SocketClients clients(CamelContext context) {
        SocketClients c = clients;
        if (c == null) {
            synchronized (this) {
                if (clients == null) {
                    clients = new SocketClients(vertx(context), CONNECT_TIMEOUT_MS);
                }
                c = clients;
            }
        }
        return c;
    }

    static io.vertx.core.Vertx vertx(CamelContext context) {
        return context.getComponent("vertx-websocket", VertxWebsocketComponent.class).getVertx();
    }
}
