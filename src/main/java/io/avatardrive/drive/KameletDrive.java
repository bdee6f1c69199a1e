package io.avatardrive.drive;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.StringHelper;

/**
 * The drive as the one step of the {@code avatar-drive-sink} Kamelet, for a Camel runtime that only loads YAML: it adds
 * the drive's routes to the context the first time it is used, and sends each exchange through them with the Kamelet's
 * parameters as its settings (keyed by setting name; one left out falls back to the property of that name).
 */
public final class KameletDrive extends AsyncProcessorSupport implements CamelContextAware {

    private final Map<String, Object> parameters = new HashMap<>();
    private CamelContext context;
    private InstanceSettings settings;
    private AsyncProducer drive;

    /** The Kamelet's parameters by setting key (zego.task-id, drive.lead-ms, ...), bound as parameters[key]. */
    public Map<String, Object> getParameters() {
        return parameters;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    public void setCamelContext(CamelContext context) {
        this.context = context;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            prepare();
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        settings.process(exchange);
        return drive.process(exchange, callback);
    }

    /** The routes and settings, made once: a bad parameter fails the first exchange, naming its key. */
    private synchronized void prepare() throws Exception {
        if (drive != null) {
            return;
        }
        // property binding turns the keys' dashes into camel case (zego.task-id -> zego.taskId)
        settings = InstanceSettings.of(key -> parameters.get(StringHelper.dashToCamelCase(key)), context);
        synchronized (context) {
            if (context.getRoute("avatar-drive-core") == null) {
                context.addRoutes(new AvatarDriveRoute());
            }
        }
        drive = context.getEndpoint(AvatarDriveRoute.CORE).createAsyncProducer();
        ServiceHelper.startService(drive);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(drive);
    }
}
