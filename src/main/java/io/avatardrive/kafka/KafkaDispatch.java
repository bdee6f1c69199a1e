package io.avatardrive.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.drive.AvatarDriveConstants;
import io.avatardrive.drive.DriveOutcome;
import io.avatardrive.drive.TaskLaneProcessor;
import io.avatardrive.ingress.DrivenRecord;
import io.avatardrive.ingress.IncomingMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a record to its task's lane and returns at once, so that the partition's consumer goes on to the next record:
 * one task's records drive one at a time in offset order, while other tasks of the same partition drive beside them.
 * When the record is done, its partition may commit past it; a record an interrupt superseded in its lane is recorded
 * as driven and its report published here. During a shutdown nothing is committed: the record is read again later.
 */
public final class KafkaDispatch extends ServiceSupport implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaDispatch.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CamelContext context;
    private final TaskLaneProcessor lanes;
    private final PartitionCommits commits;
    private final DrivenRecord driven;
    private final String resultsUri;
    private ProducerTemplate results;

    KafkaDispatch(CamelContext context, TaskLaneProcessor lanes, PartitionCommits commits, DrivenRecord driven,
                  String resultsUri) {
        this.context = context;
        this.lanes = lanes;
        this.commits = commits;
        this.driven = driven;
        this.resultsUri = resultsUri;
    }

    @Override
    public void process(Exchange exchange) {
        TopicPartition partition = exchange.getProperty(KafkaRecords.PARTITION, TopicPartition.class);
        long offset = exchange.getProperty(KafkaRecords.OFFSET, Long.class);
        IncomingMessage record = exchange.getMessage().getBody(IncomingMessage.class);
        Exchange drive = new DefaultExchange(context);
        drive.getMessage().setHeaders(exchange.getMessage().getHeaders());
        drive.getMessage().setBody(record);
        lanes.process(drive, doneSync -> {
            if (context.isStopping()) {
                return;
            }
            DriveOutcome unpublished = drive.getMessage().getBody(DriveOutcome.class);
            if (unpublished != null) {
                superseded(record, unpublished);
            } else if (drive.getException() != null) {
                LOG.warn("{} on task {} ended without a report: {}", drive.getMessage().getHeader(
                        AvatarDriveConstants.CLIP_NAME), drive.getMessage().getHeader(AvatarDriveConstants.TASK_ID),
                        drive.getException().getMessage());
            }
            commits.finished(partition, offset);
        });
    }

    /** Superseded before its turn: never spoken; recorded as driven, so that a reread does not speak it after all. */
    private void superseded(IncomingMessage record, DriveOutcome report) {
        try {
            String json = JSON.writeValueAsString(report);
            driven.confirm(record.id(), json);
            results.sendBodyAndHeaders(resultsUri, json, java.util.Map.of(AvatarDriveConstants.TASK_ID,
                    report.taskId(), AvatarDriveConstants.CLIP_NAME, report.clipName()));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("Could not publish the report of {}: {}", report.clipName(), e.getMessage());
        }
    }

    @Override
    protected void doStart() throws Exception {
        results = context.createProducerTemplate();
        ServiceHelper.startService(lanes);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(results);
    }
}
