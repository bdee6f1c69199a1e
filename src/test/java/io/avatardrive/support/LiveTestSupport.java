package io.avatardrive.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.avatardrive.live.LiveConfiguration;
import io.avatardrive.settings.LiveSettings;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.camel.CamelContext;
import org.apache.camel.test.AvailablePortFinder;

/** The live ingress (HTTP, WebSocket, queue pieces) on a free port, beside the queue on an embedded broker. */
public abstract class LiveTestSupport extends QueueTestSupport {

    protected LiveSettings liveSettings;

    @Override
    protected Map<String, String> properties() {
        Map<String, String> p = super.properties();
        p.put("ingress.port", Integer.toString(AvailablePortFinder.getNextAvailable()));
        p.put("drive.utterance-gap-ms", "1000");
        return p;
    }

    @Override
    protected List<String> routeFiles() {
        List<String> files = new ArrayList<>(super.routeFiles());
        files.add("inbox.yaml");
        files.add("live.yaml");
        return files;
    }

    @Override
    protected void bindMore(CamelContext context, Map<String, String> properties) throws Exception {
        super.bindMore(context, properties);
        Pipelines.configure(context, new LiveConfiguration());
        liveSettings = context.getRegistry().findSingleByType(LiveSettings.class);
    }

    protected String speakUrl(String scheme, String taskId) {
        return scheme + "://127.0.0.1:" + liveSettings.port() + "/tasks/" + taskId + "/speak";
    }

    /** A streaming TTS backend's publisher of utterance pieces to the drive queue. */
    protected final class Pieces implements AutoCloseable {

        private final Connection connection;
        private final Session session;
        private final MessageProducer producer;

        Pieces() throws Exception {
            connection = clientFactory().createConnection();
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            producer = session.createProducer(session.createQueue(brokerSettings.queue()));
        }

        /** One piece: UtteranceId, Seq and Last, with more properties (TaskId, SampleRate, ...) as given. */
        public void send(String utteranceId, int seq, boolean last, byte[] audio, Map<String, Object> more)
                throws Exception {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(audio);
            message.setStringProperty("UtteranceId", utteranceId);
            message.setIntProperty("Seq", seq);
            message.setBooleanProperty("Last", last);
            for (Map.Entry<String, Object> e : more.entrySet()) {
                message.setObjectProperty(e.getKey(), e.getValue());
            }
            producer.send(message);
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }

    protected Pieces pieces() throws Exception {
        return new Pieces();
    }
}
