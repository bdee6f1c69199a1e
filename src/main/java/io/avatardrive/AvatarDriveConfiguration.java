package io.avatardrive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import io.avatardrive.console.ConsoleConfiguration;
import io.avatardrive.drive.AvatarDriveRoute;
import io.avatardrive.drive.DriveBoard;
import io.avatardrive.drive.TaskClaims;
import io.avatardrive.drive.TaskDrives;
import io.avatardrive.drive.TaskInterrupts;
import io.avatardrive.inbox.InboxConfiguration;
import io.avatardrive.drive.TaskLaneProcessor;
import io.avatardrive.drive.TaskLanes;
import io.avatardrive.live.LiveDrives;
import io.avatardrive.live.LiveIngress;
import io.avatardrive.live.QueuePieces;
import io.avatardrive.queue.BrokerHealthCheck;
import io.avatardrive.queue.DrivenMessages;
import io.avatardrive.queue.DrivenRecord;
import io.avatardrive.queue.EmbeddedBroker;
import io.avatardrive.queue.EmbeddedBrokerLiveness;
import io.avatardrive.queue.QueueInterrupts;
import io.avatardrive.queue.QueueSteps;
import io.avatardrive.queue.SharedDrivenMessages;
import io.avatardrive.queue.SharedTaskClaims;
import io.avatardrive.settings.ApplicationSettings;
import io.avatardrive.settings.BrokerSettings;
import io.avatardrive.settings.DriveSettings;
import io.avatardrive.settings.IdempotencySettings;
import io.avatardrive.settings.InboxSettings;
import io.avatardrive.settings.InvalidSettingsException;
import io.avatardrive.settings.LiveSettings;
import io.avatardrive.settings.StandInPolicy;
import io.vertx.core.Vertx;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the application from its settings: the beans the YAML routes refer to, the drive route template, the broker.
 * The vendors' accounts, or the local stand-ins where none is set and drive.stand-ins allows, come from
 * {@link StandInConfiguration}.
 */
public class AvatarDriveConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AvatarDriveConfiguration.class);

    /** Where the folder's lanes send each clip: routes/inbox.yaml's drive with its retries. */
    static final String TASK_LANES = "taskLanes";

    /**
     * Drives being started at once, one per core: a start (read, sign and call, connect, Start) is CPU work that
     * competes with the drives already streaming, so a storm of starts is spread out rather than let make them late.
     */
    static final int STARTER_THREADS = Runtime.getRuntime().availableProcessors();

    @Override
    public void configure(CamelContext context) throws Exception {
        DriveSettings settings = StandInConfiguration.vendors(context, settings(context),
                StandInPolicy.from(lookup(context)));
        requireWritable("drive.inbox", settings.inbox());
        requireWritable("drive.done", settings.done());
        requireWritable("drive.error", settings.error());
        LOG.info("Watching {} (done: {}, error: {})", settings.inbox(), settings.done(), settings.error());
        // on SIGTERM, drives in flight get this long to finish and send Stop before the process exits
        ApplicationSettings application = ApplicationSettings.from(lookup(context));
        long shutdownMs = application.shutdownTimeoutMs();
        context.getShutdownStrategy().setTimeUnit(TimeUnit.MILLISECONDS);
        context.getShutdownStrategy().setTimeout(shutdownMs);
        requireManagementPortFree(application);
        if (application.managementEnabled()) {
            ConsoleConfiguration.bind(context, settings, application);
        }
        BrokerSettings broker = BrokerSettings.from(lookup(context));
        if (broker.embedded()) {
            broker.requireLoginBeyondLoopback();
            PortCheck.requireFree("broker.port", broker.host(), broker.port());
            EmbeddedBroker embedded = new EmbeddedBroker(broker, AvatarDriveConfiguration::exitForRestart);
            context.addService(embedded);
            HealthCheckRegistry health = HealthCheckRegistry.get(context);
            if (health != null) {
                health.register(new EmbeddedBrokerLiveness(embedded));
            }
        } else {
            LOG.info("Consuming from the external broker at {}", broker.url());
        }
        int leftovers = QueueSteps.clearSpool(broker.spool());
        if (leftovers > 0) {
            LOG.info("Removed {} spool file(s) an earlier run left in {}; their messages are delivered again", leftovers,
                    broker.spool());
        }
        LiveSettings live = LiveSettings.from(lookup(context));
        live.requireLoginBeyondLoopback();
        PortCheck.requireFree("ingress.port", live.host(), live.port());
        bindDrive(context);
        bindInbox(context, settings);
        bindQueue(context, settings, broker);
        bindLive(context, settings, live);
    }

    /** Exits with this status once the embedded broker stopped for good, so that a supervisor starts the process again. */
    static final int EXIT_BROKER_FAILED = 75;

    /**
     * The embedded broker cannot come back while the process runs: it exits (drives in flight still send Stop in the
     * shutdown) with {@link #EXIT_BROKER_FAILED}, and liveness says DOWN until then.
     */
    private static void exitForRestart() {
        LOG.error("Exiting with status {} so that a supervisor restarts avatar-drive", EXIT_BROKER_FAILED);
        Thread exit = new Thread(() -> System.exit(EXIT_BROKER_FAILED), "avatar-drive-exit");
        exit.start();
    }

    /** The management server (health, metrics) binds at start; one already taken stops the start, naming it. */
    private static void requireManagementPortFree(ApplicationSettings application) {
        if (application.managementEnabled()) {
            PortCheck.requireFree("management.port", application.managementHost(), application.managementPort());
        }
    }

    /** A folder the pipeline cannot write would lose every clip's result; refuse to start instead. */
    static void requireWritable(String key, Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new InvalidSettingsException(key + " " + folder + " cannot be created (" + e.getMessage() + ")");
        }
        if (!Files.isWritable(folder)) {
            throw new InvalidSettingsException(key + " " + folder + " is not writable");
        }
    }

    public static DriveSettings settings(CamelContext context) {
        return DriveSettings.from(lookup(context));
    }

    private static java.util.function.Function<String, Optional<String>> lookup(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        return properties::resolveProperty;
    }

    /** The drive route template; routes/drive.yaml makes the instance the ingress routes send to. */
    public static void bindDrive(CamelContext context) throws Exception {
        context.addRoutes(new AvatarDriveRoute());
    }

    /**
     * The task lanes every ingress queues its drives in, so that one task never has two drives at once whichever way
     * its clips come, and the interrupts that act on them.
     */
    static TaskLanes lanes(CamelContext context, DriveSettings settings) {
        TaskLanes lanes = context.getRegistry().lookupByNameAndType(TASK_LANES, TaskLanes.class);
        if (lanes == null) {
            // threads for the start of a drive (read, sign and call, connect, Start); streaming then holds none
            ExecutorService starters = context.getExecutorServiceManager().newFixedThreadPool(context, "avatar-drive",
                    Math.max(2, Math.min(settings.maxConcurrent(), STARTER_THREADS)));
            lanes = new TaskLanes(starters, settings.maxConcurrent());
            context.getRegistry().bind(TASK_LANES, lanes);
            // instances that share a database also share who drives which task, whichever ingress the work came by
            IdempotencySettings idempotency = IdempotencySettings.from(lookup(context));
            if (idempotency.shared()) {
                context.getRegistry().bind(TaskClaims.BEAN, new SharedTaskClaims(idempotency.jdbcUrl(),
                        idempotency.username(), idempotency.password()));
            }
            TaskDrives drives = context.getRegistry().lookupByNameAndType(TaskDrives.BEAN, TaskDrives.class);
            context.getRegistry().bind(TaskInterrupts.BEAN, new TaskInterrupts(lanes, drives));
            context.getRegistry().bind(DriveBoard.BEAN, new DriveBoard(drives, lanes));
        }
        return lanes;
    }

    /** The beans routes/inbox.yaml refers to (see {@link InboxConfiguration}). */
    public static void bindInbox(CamelContext context, DriveSettings settings) {
        InboxConfiguration.bind(context, settings, InboxSettings.from(lookup(context)), lanes(context, settings));
    }

    /** The beans and the JMS component routes/queue.yaml refers to. */
    public static void bindQueue(CamelContext context, DriveSettings settings, BrokerSettings broker) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.clientUrl());
        if (!broker.username().isBlank()) {
            factory.setUser(broker.username());
            factory.setPassword(broker.password());
        }
        context.addComponent("jms", JmsComponent.jmsComponent(factory));
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            // a probe must answer fast while the broker is away, so it gets its own short-timeout client
            ActiveMQConnectionFactory probe = new ActiveMQConnectionFactory(broker.clientUrl() + "&connectTimeoutMillis=2000");
            probe.setUser(factory.getUser());
            probe.setPassword(factory.getPassword());
            health.register(new BrokerHealthCheck(probe));
        }
        IdempotencySettings idempotency = IdempotencySettings.from(lookup(context));
        DrivenRecord driven;
        if (idempotency.shared()) {
            driven = new SharedDrivenMessages(idempotency.jdbcUrl(), idempotency.username(), idempotency.password());
        } else {
            driven = new DrivenMessages(idempotency.drivenMessages());
        }
        context.getRegistry().bind("drivenMessages", driven);
        context.getRegistry().bind("queueSteps", new QueueSteps(broker, settings.taskId(), driven));
        TaskLaneProcessor queueLanes = new TaskLaneProcessor(context, lanes(context, settings), settings.taskId(),
                AvatarDriveRoute.DRIVE);
        context.getRegistry().bind("queueLanes", queueLanes);
        TaskInterrupts interrupts = context.getRegistry().lookupByNameAndType(TaskInterrupts.BEAN, TaskInterrupts.class);
        QueueInterrupts queueInterrupts = new QueueInterrupts(interrupts, settings.taskId());
        context.getRegistry().bind("queueInterrupts", queueInterrupts);
        context.getRegistry().bind("queuePieces", new QueuePieces(new LiveDrives(context, queueLanes, interrupts),
                queueInterrupts,
                LiveSettings.from(lookup(context)).utteranceGapMs(), settings.taskId(), context.createProducerTemplate(),
                "jms:queue:" + broker.resultsQueue()));
    }

    /**
     * The live ingress (routes/live.yaml): HTTP on Camel's platform-http Vert.x server at ingress.host:ingress.port,
     * and the WebSocket consumer on the same port, both on one Vert.x instance (which Vert.x lets share the port).
     */
    public static void bindLive(CamelContext context, DriveSettings settings, LiveSettings live) throws Exception {
        Vertx vertx = context.getRegistry().findSingleByType(Vertx.class);
        if (vertx == null) {
            // one Vert.x for the live ingress's HTTP and WebSocket; requests are routed without holding its workers
            Vertx shared = Vertx.vertx();
            context.getRegistry().bind("vertx", shared);
            stopWithContext(context, () -> shared.close().toCompletionStage().toCompletableFuture().get());
        }
        TaskLaneProcessor lanes = new TaskLaneProcessor(context, lanes(context, settings), settings.taskId(),
                AvatarDriveRoute.DRIVE);
        context.getRegistry().bind("liveLanes", lanes);
        LiveDrives drives = new LiveDrives(context, lanes,
                context.getRegistry().lookupByNameAndType(TaskInterrupts.BEAN, TaskInterrupts.class));
        LiveIngress.bind(context, live, drives);
    }

    /** Closes {@code resource} when the context stops. */
    static void stopWithContext(CamelContext context, AutoCloseable resource) {
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() throws Exception {
                    resource.close();
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("could not register " + resource + " with the context", e);
        }
    }
}
