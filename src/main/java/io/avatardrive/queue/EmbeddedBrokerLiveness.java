package io.avatardrive.queue;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Liveness: an embedded broker that stopped on its own (Artemis does so for good after a critical I/O error, such as a
 * full disk) does not come back while the process runs, so the process is not alive: it exits, and meanwhile this says
 * DOWN, so that an orchestrator restarts it either way.
 */
public class EmbeddedBrokerLiveness extends AbstractHealthCheck {

    private final EmbeddedBroker broker;

    public EmbeddedBrokerLiveness(EmbeddedBroker broker) {
        super("avatar-drive", "embedded-broker");
        this.broker = broker;
    }

    @Override
    public boolean isReadiness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String failure = broker.failure();
        if (failure == null) {
            builder.up();
        } else {
            builder.down().message(failure);
        }
    }
}
