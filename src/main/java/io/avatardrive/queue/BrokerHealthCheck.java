package io.avatardrive.queue;

import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: the service is ready only while the broker takes connections, since clips published meanwhile would wait
 * unseen. A broker that is down makes the service not ready, never dead: restarting the pipeline would not bring it back.
 */
public class BrokerHealthCheck extends AbstractHealthCheck {

    private final ConnectionFactory factory;

    public BrokerHealthCheck(ConnectionFactory factory) {
        super("avatar-drive", "broker");
        this.factory = factory;
    }

    @Override
    public boolean isLiveness() {
        return false;
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
