package io.avatardrive.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.avatardrive.drive.AvatarDriveConstants;
import io.avatardrive.ingress.IncomingMessage;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * A Kafka record as the ingress steps read it: its headers as UTF-8 text, its key as the TaskId (a TaskId header
 * names it when the key is empty), its value as the body, and its place in the log as an id that stays the same when
 * the record is read again after a rebalance or a restart.
 */
public final class KafkaRecord implements IncomingMessage {

    private final String id;
    private final Map<String, Object> properties;
    private final byte[] value;

    KafkaRecord(String id, Map<String, Object> properties, byte[] value) {
        this.id = id;
        this.properties = properties;
        this.value = value == null ? new byte[0] : value;
    }

    /** The record camel-kafka's consumer put on this message: its key, headers, place and value. */
    static KafkaRecord of(Message message) {
        Map<String, Object> properties = new HashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (!name.startsWith("kafka.") && !name.startsWith("Camel")) {
                properties.put(name, value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value);
            }
        });
        Object key = message.getHeader(KafkaConstants.KEY);
        if (key != null && !key.toString().isBlank()) {
            properties.put(AvatarDriveConstants.TASK_ID, key.toString());
        }
        String id = "kafka:" + message.getHeader(KafkaConstants.TOPIC) + "/" + message.getHeader(KafkaConstants.PARTITION)
                    + "/" + message.getHeader(KafkaConstants.OFFSET);
        return new KafkaRecord(id, properties, message.getBody(byte[].class));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Object property(String name) {
        return properties.get(name);
    }

    /** A record read again is a new delivery of the log's same record; Kafka does not count them. */
    /** Every header the record came with, the key as TaskId included. */
    Map<String, Object> properties() {
        return Map.copyOf(properties);
    }

    @Override
    public int deliveries() {
        return 1;
    }

    @Override
    public long writeBody(OutputStream out, Charset textCharset, long maxBytes) throws IOException {
        if (value.length > maxBytes) {
            return -1;
        }
        out.write(value);
        return value.length;
    }
}
