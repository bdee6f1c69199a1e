package io.avatardrive.kafka;

import java.nio.file.Path;

import io.avatardrive.drive.AvatarDriveRoute;
import io.avatardrive.drive.TaskLaneProcessor;
import io.avatardrive.drive.TaskInterrupts;
import io.avatardrive.drive.TaskLanes;
import io.avatardrive.ingress.DrivenRecord;
import io.avatardrive.ingress.LiveDrives;
import io.avatardrive.ingress.MessageInterrupts;
import io.avatardrive.ingress.MessagePieces;
import io.avatardrive.ingress.MessageSteps;
import io.avatardrive.settings.DriveSettings;
import io.avatardrive.settings.KafkaSettings;
import io.avatardrive.settings.LiveSettings;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka ingress's wiring (routes/kafka.yaml, on when kafka.brokers is set): the Kafka component with the client's
 * security settings, and the beans the routes refer to under the names they use. What is Kafka stays here; the steps
 * are every message ingress's ({@link MessageSteps}). A bean made from another of this class's is made once.
 */
public class KafkaConfiguration implements CamelConfiguration {

    /** Where the reader hands each record (routes/kafka.yaml). */
    static final String INGRESS = "direct:kafka-ingress";
    /** Where a record's report, or a refused record, is published (routes/kafka.yaml). */
    static final String RESULTS = "direct:kafka-results";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaConfiguration.class);

    private KafkaSettings kafka;
    private final PartitionCommits commits = new PartitionCommits();
    private TaskLaneProcessor lanes;

    @BindToRegistry("kafkaSettings")
    public synchronized KafkaSettings kafkaSettings(CamelContext context) {
        if (kafka == null) {
            kafka = KafkaSettings.from(context.getPropertiesComponent()::resolveProperty);
        }
        return kafka;
    }

    /** camel-kafka, which publishes reports and dead letters, with the brokers and the client's security settings. */
    @BindToRegistry("kafka")
    public KafkaComponent kafka(CamelContext context) {
        KafkaSettings settings = kafkaSettings(context);
        if (!settings.enabled()) {
            return null;
        }
        KafkaComponent component = new KafkaComponent();
        component.setConfiguration(KafkaClientSecurity.camel(settings, context.getPropertiesComponent()::resolveProperty));
        return component;
    }

    /** What goes out to a topic: keyed by its TaskId, every header as UTF-8 text, nothing of Camel's own. */
    @BindToRegistry("kafkaHeaders")
    public Processor kafkaHeaders() {
        return OutgoingRecord::shape;
    }

    @BindToRegistry("kafkaRecords")
    public KafkaRecords kafkaRecords(DriveSettings settings) {
        return new KafkaRecords(commits, settings.taskId());
    }

    /** The kafka ingress reports once: a record read again after its report went out is not reported again. */
    @BindToRegistry("kafkaSteps")
    public MessageSteps kafkaSteps(CamelContext context, DriveSettings settings, DrivenRecord driven) {
        return new MessageSteps(spool(context), maxRedeliveries(context), settings.taskId(), driven).reportingOnce();
    }

    @BindToRegistry("kafkaLanes")
    public synchronized TaskLaneProcessor kafkaLanes(CamelContext context, DriveSettings settings, TaskLanes taskLanes) {
        if (lanes == null) {
            lanes = new TaskLaneProcessor(context, taskLanes, settings.taskId(), "direct:kafka-drive");
        }
        return lanes;
    }

    @BindToRegistry("kafkaDispatch")
    public KafkaDispatch kafkaDispatch(CamelContext context, DriveSettings settings, TaskLanes taskLanes,
                                       DrivenRecord driven) {
        return new KafkaDispatch(context, kafkaLanes(context, settings, taskLanes), commits, driven, RESULTS);
    }

    /** Live pieces on the topic: their interrupts were already acted on as they were read, in the task's order. */
    @BindToRegistry("kafkaPieces")
    public MessagePieces kafkaPieces(CamelContext context, DriveSettings settings, TaskLanes taskLanes,
                                     TaskInterrupts interrupts) throws Exception {
        if (!kafkaSettings(context).enabled()) {
            return null;
        }
        // an utterance's drive waits in its task's lane like a record's, but goes straight to the drive
        TaskLaneProcessor utterances = new TaskLaneProcessor(context, taskLanes, settings.taskId(), AvatarDriveRoute.DRIVE);
        context.addService(utterances);
        LiveDrives drives = new LiveDrives(context, utterances, interrupts);
        return new MessagePieces(drives, new MessageInterrupts(interrupts, settings.taskId()),
                LiveSettings.from(context.getPropertiesComponent()::resolveProperty).utteranceGapMs(), settings.taskId(),
                context.createProducerTemplate(), RESULTS);
    }

    /** Records' bodies are spooled beside the queue's, in drive.spool/kafka. */
    private static Path spool(CamelContext context) {
        return Path.of(context.getPropertiesComponent().resolveProperty("drive.spool").orElse("data/spool"), "kafka")
                .toAbsolutePath().normalize();
    }

    private static int maxRedeliveries(CamelContext context) {
        return context.getPropertiesComponent().resolveProperty("drive.max-redeliveries").map(String::trim)
                .map(Integer::parseInt).orElse(3);
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        KafkaSettings settings = kafkaSettings(context);
        if (settings.enabled()) {
            MessageSteps.clearSpool(spool(context));
            // reads once the routes run, and stops before they do: a record is never handed to a stopped route
            TopicReader reader = new TopicReader(context, KafkaClientSecurity.client(settings,
                    context.getPropertiesComponent()::resolveProperty), settings.topic(), INGRESS, commits,
                    settings.maxUnfinished());
            context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
                @Override
                public void notify(CamelEvent event) {
                    if (event instanceof CamelEvent.CamelContextStartedEvent) {
                        reader.start();
                    } else {
                        reader.stop();
                    }
                }

                @Override
                public boolean isEnabled(CamelEvent event) {
                    return event instanceof CamelEvent.CamelContextStartedEvent
                           || event instanceof CamelEvent.CamelContextStoppingEvent;
                }
            });
            LOG.info("Consuming Kafka topic {} at {} in group {}; reports to {}, refused records to {}", settings.topic(),
                    settings.brokers(), settings.groupId(), settings.resultsTopic(), settings.deadLetterTopic());
        }
    }
}
