package io.avatardrive.kafka;

import java.util.HashMap;
import java.util.Map;

import io.avatardrive.drive.AvatarDriveConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * A report or a dead letter as a Kafka record: keyed by its TaskId, so that a task's results keep their order on one
 * partition, and every header as UTF-8 text, which any client in any language reads; the pipeline's own headers stay.
 */
final class OutgoingRecord {

    private OutgoingRecord() {
    }

    static void shape(Exchange exchange) {
        Message message = exchange.getMessage();
        message.removeHeaders("Camel*");
        message.removeHeaders("avatarDrive*");
        message.removeHeader(AvatarDriveConstants.FORMAT);
        for (Map.Entry<String, Object> header : new HashMap<>(message.getHeaders()).entrySet()) {
            if (header.getValue() == null) {
                message.removeHeader(header.getKey());
            } else if (!(header.getValue() instanceof String)) {
                message.setHeader(header.getKey(), header.getValue().toString());
            }
        }
        Object task = message.getHeader(AvatarDriveConstants.TASK_ID);
        if (task != null) {
            message.setHeader(KafkaConstants.KEY, task.toString());
        }
    }
}
