package io.avatardrive.settings;

import java.util.Optional;
import java.util.function.Function;

/**
 * Where the Kafka ingress reads and writes, when kafka.brokers is set: the topic of clips, pieces and interrupts, the
 * consumer group the instances share it in, the results and dead-letter topics, and the client's security settings,
 * which are passed to the Kafka client as they are.
 *
 * @param brokers          bootstrap servers (kafka.brokers); empty = the Kafka ingress is off
 * @param topic            the topic consumed (kafka.topic)
 * @param groupId          the consumer group every instance joins (kafka.group-id)
 * @param resultsTopic     where each record's report goes, keyed by TaskId (kafka.results-topic)
 * @param deadLetterTopic  where a refused record goes with DriveStage and DriveReason (kafka.dead-letter-topic)
 * @param securityProtocol PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (kafka.security-protocol)
 * @param maxUnfinished    how many records read and not yet done an instance holds before it pauses reading
 *                         (kafka.max-unfinished)
 */
public record KafkaSettings(String brokers, String topic, String groupId, String resultsTopic, String deadLetterTopic,
                            String securityProtocol, int maxUnfinished) {

    public static KafkaSettings from(Function<String, Optional<String>> lookup) {
        DriveSettings.Reader r = new DriveSettings.Reader(lookup);
        KafkaSettings settings = new KafkaSettings(r.text("kafka.brokers", ""), r.text("kafka.topic", "avatar.drive"),
                r.text("kafka.group-id", "avatar-drive"), r.text("kafka.results-topic", "avatar.drive.results"),
                r.text("kafka.dead-letter-topic", "avatar.drive.DLQ"), r.text("kafka.security-protocol", "PLAINTEXT"),
                r.positive("kafka.max-unfinished", 2000));
        r.failIfProblems();
        return settings;
    }

    public boolean enabled() {
        return !brokers.isBlank();
    }
}
