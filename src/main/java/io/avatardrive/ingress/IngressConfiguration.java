package io.avatardrive.ingress;

import io.avatardrive.drive.TaskClaims;
import io.avatardrive.settings.IdempotencySettings;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * What the message ingresses (the queue, Kafka) and the instances share: which messages were driven, and who drives
 * which task. In the data folder for one instance; with drive.idempotency.jdbc-url, in PostgreSQL for all of them.
 */
public class IngressConfiguration implements CamelConfiguration {

    @BindToRegistry("drivenMessages")
    public DrivenRecord drivenMessages(CamelContext context) {
        IdempotencySettings idempotency = idempotency(context);
        return idempotency.shared()
                ? new SharedDrivenMessages(idempotency.jdbcUrl(), idempotency.username(), idempotency.password())
                : new DrivenMessages(idempotency.drivenMessages());
    }

    /** Instances that share a database also share who drives which task, whichever ingress the work came by. */
    @BindToRegistry(TaskClaims.BEAN)
    public TaskClaims taskClaims(CamelContext context) throws Exception {
        IdempotencySettings idempotency = idempotency(context);
        if (!idempotency.shared()) {
            return null;
        }
        SharedTaskClaims claims = new SharedTaskClaims(idempotency.jdbcUrl(), idempotency.username(), idempotency.password());
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                claims.close();
            }
        });
        return claims;
    }

    private static IdempotencySettings idempotency(CamelContext context) {
        return IdempotencySettings.from(context.getPropertiesComponent()::resolveProperty);
    }
}
