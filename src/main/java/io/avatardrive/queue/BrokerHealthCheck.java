package io.avatardrive.queue;

import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** /observe/health is UP only while the broker takes connections: clips published meanwhile would wait unseen. */
public class BrokerHealthCheck extends AbstractHealthCheck {

    private final ConnectionFactory factory;

    public BrokerHealthCheck(ConnectionFactory factory) {
        super("avatar-drive", "broker");
        this.factory = factory;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection connection = factory.createConnection()) {
            builder.up();
        } catch (Exception e) {
            builder.down().message("the broker does not accept connections").error(e);
        }
    }
}
