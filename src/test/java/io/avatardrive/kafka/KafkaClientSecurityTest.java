package io.avatardrive.kafka;

import java.util.Map;
import java.util.Optional;

import io.avatardrive.settings.KafkaSettings;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The kafka.* security settings reach the reader's consumer and camel-kafka's producers as the operator gave them. */
class KafkaClientSecurityTest {

    private static Optional<String> lookup(Map<String, String> settings, String key) {
        return Optional.ofNullable(settings.get(key));
    }

    @Test
    void saslWithAQuoteInThePasswordAndATruststoreArePassedToBothClients() {
        Map<String, String> given = Map.of("kafka.brokers", "b1:9093,b2:9093", "kafka.security-protocol", "SASL_SSL",
                "kafka.sasl-mechanism", "SCRAM-SHA-512", "kafka.sasl-username", "drive", "kafka.sasl-password", "p\"w",
                "kafka.ssl-truststore-location", "/etc/kafka/trust.p12", "kafka.ssl-truststore-password", "changeit");
        KafkaSettings settings = KafkaSettings.from(key -> lookup(given, key));
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"drive\" password=\"p\\\"w\";";

        Map<String, Object> consumer = KafkaClientSecurity.client(settings, key -> lookup(given, key));
        assertEquals("b1:9093,b2:9093", consumer.get("bootstrap.servers"));
        assertEquals("avatar-drive", consumer.get("group.id"));
        assertEquals("SASL_SSL", consumer.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", consumer.get("sasl.mechanism"));
        assertEquals(jaas, consumer.get("sasl.jaas.config"));
        assertEquals("/etc/kafka/trust.p12", consumer.get("ssl.truststore.location"));
        assertEquals("changeit", consumer.get("ssl.truststore.password"));

        KafkaConfiguration producer = KafkaClientSecurity.camel(settings, key -> lookup(given, key));
        assertEquals("SASL_SSL", producer.getSecurityProtocol());
        assertEquals(jaas, producer.getSaslJaasConfig());
        assertEquals("/etc/kafka/trust.p12", producer.getSslTruststoreLocation());
    }

    @Test
    void withoutAUsernameThereIsNoSaslAndPlaintextIsTheDefault() {
        Map<String, String> given = Map.of("kafka.brokers", "127.0.0.1:9092");
        Map<String, Object> consumer = KafkaClientSecurity.client(KafkaSettings.from(key -> lookup(given, key)),
                key -> lookup(given, key));
        assertEquals("PLAINTEXT", consumer.get("security.protocol"));
        assertFalse(consumer.containsKey("sasl.jaas.config"));
        assertNull(consumer.get("ssl.truststore.location"));
    }
}
