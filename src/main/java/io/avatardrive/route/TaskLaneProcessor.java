package io.avatardrive.route;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Hands each exchange to its TaskId's lane and runs the given endpoint there; the exchange continues down its own route
 * once that is done, so an ingress keeps its own completion (file move, acknowledgement) tied to the finished drive.
 */
public class TaskLaneProcessor extends AsyncProcessorSupport {

    private final CamelContext context;
    private final TaskLanes lanes;
    private final String defaultTaskId;
    private final String endpointUri;
    private Producer producer;

    public TaskLaneProcessor(CamelContext context, TaskLanes lanes, String defaultTaskId, String endpointUri) {
        this.context = context;
        this.lanes = lanes;
        this.defaultTaskId = defaultTaskId;
        this.endpointUri = endpointUri;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        String task = exchange.getMessage().getHeader(DriveHeaders.TASK_ID, defaultTaskId, String.class);
        lanes.submit(task, () -> {
            try {
                producer.process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            } finally {
                callback.done(false);
            }
        });
        return false;
    }

    @Override
    protected void doStart() throws Exception {
        producer = context.getEndpoint(endpointUri).createProducer();
        ServiceHelper.startService(producer);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(producer);
    }

}
