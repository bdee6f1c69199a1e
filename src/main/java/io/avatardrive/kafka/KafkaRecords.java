package io.avatardrive.kafka;

import io.avatardrive.drive.AvatarDriveConstants;
import io.avatardrive.drive.ClipNames;
import io.avatardrive.ingress.MessageSteps;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.kafka.common.TopicPartition;

/**
 * The first step for each record the consumer reads: it becomes a {@link KafkaRecord} with the drive's headers (TaskId,
 * ClipName, Interrupt); {@link #finished} lets its partition commit past it.
 */
public final class KafkaRecords implements Processor {

    static final String PARTITION = "avatarDriveKafkaPartition";
    static final String OFFSET = "avatarDriveKafkaOffset";

    private final PartitionCommits commits;
    private final String defaultTaskId;

    KafkaRecords(PartitionCommits commits, String defaultTaskId) {
        this.commits = commits;
        this.defaultTaskId = defaultTaskId;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        KafkaRecord record = KafkaRecord.of(message);
        message.removeHeaders("*");
        message.setHeader(AvatarDriveConstants.TASK_ID, record.text(AvatarDriveConstants.TASK_ID, defaultTaskId));
        message.setHeader(AvatarDriveConstants.CLIP_NAME, ClipNames.safe(record.text(AvatarDriveConstants.CLIP_NAME,
                record.id())));
        message.setHeader(AvatarDriveConstants.INTERRUPT, record.flag(AvatarDriveConstants.INTERRUPT));
        message.setBody(record);
    }

    /** As a route step for a dead letter: every header the record came with, beside the drive's own. */
    public void originalHeaders(Exchange exchange) {
        if (exchange.getProperty(MessageSteps.RECEIVED) instanceof KafkaRecord record) {
            record.properties().forEach((name, value) -> {
                if (exchange.getMessage().getHeader(name) == null) {
                    exchange.getMessage().setHeader(name, value);
                }
            });
        }
    }

    /** As a route step: the exchange's record is done; its partition may commit past it. */
    public void finished(Exchange exchange) {
        commits.finished(exchange.getProperty(PARTITION, TopicPartition.class), exchange.getProperty(OFFSET, Long.class));
    }
}
