package io.avatardrive.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the topic in the consumer group and hands each record to routes/kafka.yaml's kafka-ingress route, which returns
 * as soon as the record waits in its task's lane. Offsets are committed on this consumer's own thread, as Kafka asks,
 * and only up to each partition's lowest record not yet done ({@link PartitionCommits}). camel-kafka's consumer commits
 * every record it handed to the route, done or not, so the reading is done here; the writing is camel-kafka's.
 */
final class TopicReader extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final CamelContext context;
    private final Map<String, Object> client;
    private final String topic;
    private final String endpointUri;
    private final PartitionCommits commits;
    private final int maxUnfinished;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;
    private ProducerTemplate route;

    TopicReader(CamelContext context, Map<String, Object> client, String topic, String endpointUri,
                PartitionCommits commits, int maxUnfinished) {
        this.context = context;
        this.maxUnfinished = maxUnfinished;
        this.client = client;
        this.topic = topic;
        this.endpointUri = endpointUri;
        this.commits = commits;
    }

    @Override
    protected void doStart() {
        route = context.createProducerTemplate();
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::read, "avatar-drive-kafka-" + topic);
        thread.start();
    }

    private void read() {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
                    commitReady(true);
                    commits.forget(revoked);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
                    LOG.info("Reading {}", assigned);
                }
            });
            while (running) {
                Map<TopicPartition, Long> putBack = new HashMap<>();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (putBack.containsKey(partition) || commits.unfinished() >= maxUnfinished) {
                        // full: this record and the rest of its partition's are read again once there is room
                        putBack.putIfAbsent(partition, record.offset());
                    } else {
                        hand(record);
                    }
                }
                putBack.forEach(consumer::seek);
                commitReady(false);
                holdWhileFull();
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            LOG.error("The Kafka ingress stopped reading {}: {}", topic, e.getMessage());
        } finally {
            try {
                commitReady(true);
            } catch (RuntimeException e) {
                LOG.warn("Could not commit {}'s last offsets on stopping: {}", topic, e.getMessage());
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }
    }

    /** The record into the route, on this thread: it returns once the record waits in its task's lane. */
    private void hand(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        commits.read(partition, record.offset());
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(KafkaConstants.TOPIC, record.topic());
        exchange.getMessage().setHeader(KafkaConstants.PARTITION, record.partition());
        exchange.getMessage().setHeader(KafkaConstants.OFFSET, record.offset());
        if (record.key() != null) {
            exchange.getMessage().setHeader(KafkaConstants.KEY, record.key());
        }
        for (Header header : record.headers()) {
            exchange.getMessage().setHeader(header.key(), header.value());
        }
        exchange.setProperty(KafkaRecords.PARTITION, partition);
        exchange.setProperty(KafkaRecords.OFFSET, record.offset());
        exchange.getMessage().setBody(record.value());
        route.send(endpointUri, exchange);
        if (exchange.getException() != null && !context.isStopping()) {
            // not for want of a route (a shutdown): it is read again then; any other failure would hold the partition
            LOG.error("Record {}/{} could not be taken in, and is passed over: {}", partition, record.offset(),
                    exchange.getException().getMessage());
            commits.finished(partition, record.offset());
        }
    }

    /**
     * No more than kafka.max-unfinished records wait in memory: beyond that the partitions are paused (the consumer
     * stays in its group, polling nothing) until the drives catch up.
     */
    private void holdWhileFull() {
        boolean full = commits.unfinished() >= maxUnfinished;
        if (full && consumer.paused().isEmpty()) {
            consumer.pause(consumer.assignment());
        } else if (!full && !consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    private void commitReady(boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> ready = commits.takeReady().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
        if (ready.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(ready, Duration.ofSeconds(5));
        } else {
            consumer.commitAsync(ready, (offsets, failure) -> {
                if (failure != null) {
                    LOG.warn("Could not commit {}: {}", offsets, failure.getMessage());
                }
            });
        }
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
        route.stop();
    }
}
