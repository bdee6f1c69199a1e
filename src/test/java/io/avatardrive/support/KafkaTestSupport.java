package io.avatardrive.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.avatardrive.ingress.IngressConfiguration;
import io.avatardrive.kafka.KafkaConfiguration;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Kafka ingress on a real Kafka broker (KRaft) the test class starts on 127.0.0.1, with plain Kafka clients as the
 * backend that publishes records and reads the results: each test on a topic of its own.
 */
public abstract class KafkaTestSupport extends DriveTestSupport {

    protected static KafkaBroker kafka;
    private static Path kafkaData;

    /** This test's topics: clips, results and dead letters. */
    protected final String topic = "clips-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startKafka() throws Exception {
        kafkaData = root.resolve("kafka-" + UUID.randomUUID());
        kafka = KafkaBroker.start(kafkaData);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    /** How many partitions this test's topic has. */
    protected int partitions() {
        return 2;
    }

    @Override
    protected Map<String, String> properties() {
        Map<String, String> p = super.properties();
        Path run = Path.of(p.get("drive.inbox")).getParent();
        p.put("kafka.brokers", kafka.bootstrap());
        p.put("kafka.topic", topic);
        p.put("kafka.group-id", topic + "-group");
        p.put("kafka.results-topic", topic + ".results");
        p.put("kafka.dead-letter-topic", topic + ".DLQ");
        p.put("drive.spool", run.resolve("spool").toString());
        p.put("drive.driven-messages", run.resolve("driven-messages.txt").toString());
        p.put("drive.utterance-gap-ms", "1000");
        return p;
    }

    @Override
    protected List<String> routeFiles() {
        return List.of("drive.yaml", "kafka.yaml");
    }

    @Override
    protected void bindMore(CamelContext context, Map<String, String> properties) throws Exception {
        kafka.createTopics(partitions(), topic, topic + ".results", topic + ".DLQ");
        Pipelines.configure(context, new IngressConfiguration());
        Pipelines.configure(context, new KafkaConfiguration());
    }

    /** Publishes a record as a backend would: the TaskId as the key, the bytes as the value, headers as UTF-8 text. */
    protected void publish(String taskId, byte[] value, Map<String, String> headers) throws Exception {
        publish(taskId, value, headers, null);
    }

    protected void publish(String taskId, byte[] value, Map<String, String> headers, Integer partition) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, taskId, value);
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        }
    }

    /** Reads {@code count} records of a topic from its start, or what came within the timeout. */
    protected List<ConsumerRecord<String, byte[]>> read(String from, int count, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(from));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** A header of a record as text, or null. */
    protected static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
