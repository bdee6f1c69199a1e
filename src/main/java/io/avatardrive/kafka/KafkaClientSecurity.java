package io.avatardrive.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.avatardrive.settings.KafkaSettings;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * The Kafka clients' connection settings, passed through as the operator gives them: the brokers, the security
 * protocol, SASL with a username and password (kafka.sasl-mechanism, PLAIN by default, or SCRAM-SHA-256/512), and a
 * TLS truststore. A setting left empty is left to the client's default. The reader and camel-kafka's producers get
 * the same.
 */
final class KafkaClientSecurity {

    private KafkaClientSecurity() {
    }

    /** The settings as Kafka client properties, for the reader's consumer. */
    static Map<String, Object> client(KafkaSettings settings, Function<String, Optional<String>> lookup) {
        Map<String, Object> client = new HashMap<>();
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.brokers());
        client.put(CommonClientConfigs.GROUP_ID_CONFIG, settings.groupId());
        client.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, settings.securityProtocol());
        // how soon the group gives a dead instance's partitions to the others
        text(lookup, "kafka.session-timeout-ms").ifPresent(v -> client.put(CommonClientConfigs.SESSION_TIMEOUT_MS_CONFIG, v));
        text(lookup, "kafka.ssl-truststore-location").ifPresent(v -> client.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, v));
        text(lookup, "kafka.ssl-truststore-password").ifPresent(v -> client.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, v));
        sasl(lookup).ifPresent(jaas -> {
            client.put(SaslConfigs.SASL_MECHANISM, mechanism(lookup));
            client.put(SaslConfigs.SASL_JAAS_CONFIG, jaas);
        });
        return client;
    }

    /** The same settings for camel-kafka's component, which publishes the reports and dead letters. */
    static KafkaConfiguration camel(KafkaSettings settings, Function<String, Optional<String>> lookup) {
        KafkaConfiguration camel = new KafkaConfiguration();
        camel.setBrokers(settings.brokers());
        camel.setSecurityProtocol(settings.securityProtocol());
        text(lookup, "kafka.ssl-truststore-location").ifPresent(camel::setSslTruststoreLocation);
        text(lookup, "kafka.ssl-truststore-password").ifPresent(camel::setSslTruststorePassword);
        sasl(lookup).ifPresent(jaas -> {
            camel.setSaslMechanism(mechanism(lookup));
            camel.setSaslJaasConfig(jaas);
        });
        return camel;
    }

    private static String mechanism(Function<String, Optional<String>> lookup) {
        return text(lookup, "kafka.sasl-mechanism").orElse("PLAIN");
    }

    /** The JAAS line of the SASL login, when a username is set. */
    private static Optional<String> sasl(Function<String, Optional<String>> lookup) {
        return text(lookup, "kafka.sasl-username").map(username -> (mechanism(lookup).startsWith("SCRAM")
                ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                : "org.apache.kafka.common.security.plain.PlainLoginModule")
                + " required username=\"" + quoted(username) + "\" password=\""
                + quoted(text(lookup, "kafka.sasl-password").orElse("")) + "\";");
    }

    private static Optional<String> text(Function<String, Optional<String>> lookup, String key) {
        return lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** A JAAS option value in double quotes: its own quotes and backslashes escaped. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
