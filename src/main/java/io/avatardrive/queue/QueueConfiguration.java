package io.avatardrive.queue;

import io.avatardrive.drive.AvatarDriveRoute;
import io.avatardrive.drive.TaskInterrupts;
import io.avatardrive.drive.TaskLaneProcessor;
import io.avatardrive.drive.TaskLanes;
import io.avatardrive.ingress.DrivenRecord;
import io.avatardrive.ingress.LiveDrives;
import io.avatardrive.ingress.MessageInterrupts;
import io.avatardrive.ingress.MessagePieces;
import io.avatardrive.ingress.MessageSteps;
import io.avatardrive.settings.BrokerSettings;
import io.avatardrive.settings.DriveSettings;
import io.avatardrive.settings.LiveSettings;
import io.avatardrive.settings.PortCheck;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue ingress's wiring: the embedded broker (or the external one by URL), the JMS component, and the beans
 * routes/queue.yaml refers to, under the names it uses. What is JMS stays here; the steps are every message
 * ingress's ({@link MessageSteps}). A bean made from another of this class's is made once and shared, whatever order
 * Camel binds them in.
 */
public class QueueConfiguration implements CamelConfiguration {

    /** Exits with this status once the embedded broker stopped for good, so that a supervisor starts the process again. */
    public static final int EXIT_BROKER_FAILED = 75;

    private static final Logger LOG = LoggerFactory.getLogger(QueueConfiguration.class);

    private BrokerSettings broker;
    private TaskLaneProcessor lanes;
    private MessageInterrupts interrupts;

    @BindToRegistry("brokerSettings")
    public synchronized BrokerSettings brokerSettings(CamelContext context) {
        if (broker == null) {
            broker = BrokerSettings.from(context.getPropertiesComponent()::resolveProperty);
            if (broker.embedded()) {
                broker.requireLoginBeyondLoopback();
                PortCheck.requireFree("broker.port", broker.host(), broker.port());
            }
        }
        return broker;
    }

    @BindToRegistry("jms")
    public JmsComponent jms(CamelContext context) {
        BrokerSettings settings = brokerSettings(context);
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(settings.clientUrl());
        if (!settings.username().isBlank()) {
            factory.setUser(settings.username());
            factory.setPassword(settings.password());
        }
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            // a probe must answer fast while the broker is away, so it gets its own short-timeout client
            ActiveMQConnectionFactory probe = new ActiveMQConnectionFactory(settings.clientUrl()
                                                                            + "&connectTimeoutMillis=2000");
            probe.setUser(factory.getUser());
            probe.setPassword(factory.getPassword());
            health.register(new BrokerHealthCheck(probe));
        }
        return JmsComponent.jmsComponent(factory);
    }

    /** Each JMS message becomes a message with properties and a body, as the ingress steps read it. */
    @BindToRegistry("jmsMessages")
    public Processor jmsMessages() {
        return JmsMessage::adapt;
    }

    @BindToRegistry("queueSteps")
    public MessageSteps queueSteps(CamelContext context, DriveSettings settings, DrivenRecord driven) {
        BrokerSettings settingsOfBroker = brokerSettings(context);
        return new MessageSteps(settingsOfBroker.spool(), settingsOfBroker.maxRedeliveries(), settings.taskId(), driven);
    }

    /** A clip's drive waits in its task's lane, never beside a live utterance of the same task. */
    @BindToRegistry("queueLanes")
    public synchronized TaskLaneProcessor queueLanes(CamelContext context, DriveSettings settings, TaskLanes taskLanes) {
        if (lanes == null) {
            lanes = new TaskLaneProcessor(context, taskLanes, settings.taskId(), AvatarDriveRoute.DRIVE);
        }
        return lanes;
    }

    @BindToRegistry("queueMessageInterrupts")
    public synchronized MessageInterrupts queueMessageInterrupts(TaskInterrupts taskInterrupts, DriveSettings settings) {
        if (interrupts == null) {
            interrupts = new MessageInterrupts(taskInterrupts, settings.taskId());
        }
        return interrupts;
    }

    @BindToRegistry("queueInterrupts")
    public QueueInterrupts queueInterrupts(TaskInterrupts taskInterrupts, DriveSettings settings) {
        return new QueueInterrupts(queueMessageInterrupts(taskInterrupts, settings));
    }

    @BindToRegistry("queuePieces")
    public MessagePieces queuePieces(CamelContext context, DriveSettings settings, TaskLanes taskLanes,
                                     TaskInterrupts taskInterrupts) {
        LiveDrives drives = new LiveDrives(context, queueLanes(context, settings, taskLanes), taskInterrupts);
        return new MessagePieces(drives, queueMessageInterrupts(taskInterrupts, settings),
                LiveSettings.from(context.getPropertiesComponent()::resolveProperty).utteranceGapMs(), settings.taskId(),
                context.createProducerTemplate(), "jms:queue:" + brokerSettings(context).resultsQueue());
    }

    /** The embedded broker, if no external one is set; spool files a killed run left are removed. */
    @Override
    public void configure(CamelContext context) throws Exception {
        BrokerSettings broker = brokerSettings(context);
        if (broker.embedded()) {
            EmbeddedBroker embedded = new EmbeddedBroker(broker, QueueConfiguration::exitForRestart);
            context.addService(embedded);
            HealthCheckRegistry health = HealthCheckRegistry.get(context);
            if (health != null) {
                health.register(new EmbeddedBrokerLiveness(embedded));
            }
        } else {
            LOG.info("Consuming from the external broker at {}", broker.url());
        }
        int leftovers = MessageSteps.clearSpool(broker.spool());
        if (leftovers > 0) {
            LOG.info("Removed {} spool file(s) an earlier run left in {}; their messages are delivered again", leftovers,
                    broker.spool());
        }
    }

    /**
     * The embedded broker cannot come back while the process runs: it exits (drives in flight still send Stop in the
     * shutdown) with {@link #EXIT_BROKER_FAILED}, and liveness says DOWN until then.
     */
    private static void exitForRestart() {
        LOG.error("Exiting with status {} so that a supervisor restarts avatar-drive", EXIT_BROKER_FAILED);
        Thread exit = new Thread(() -> System.exit(EXIT_BROKER_FAILED), "avatar-drive-exit");
        exit.start();
    }
}
