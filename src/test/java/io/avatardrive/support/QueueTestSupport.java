package io.avatardrive.support;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.queue.EmbeddedBroker;
import io.avatardrive.ingress.IngressConfiguration;
import io.avatardrive.queue.QueueConfiguration;
import io.avatardrive.settings.BrokerSettings;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.test.AvailablePortFinder;

/** The queue ingress on a real embedded Artemis broker on a free port, with a plain JMS client as the publisher. */
public abstract class QueueTestSupport extends DriveTestSupport {

    protected EmbeddedBroker broker;
    protected BrokerSettings brokerSettings;

    @Override
    protected Map<String, String> properties() {
        Map<String, String> p = super.properties();
        Path run = Path.of(p.get("drive.inbox")).getParent();
        p.put("broker.port", Integer.toString(AvailablePortFinder.getNextAvailable()));
        p.put("broker.data", run.resolve("broker").toString());
        p.put("drive.spool", run.resolve("spool").toString());
        p.put("drive.driven-messages", run.resolve("driven-messages.txt").toString());
        p.put("drive.queue-consumers", "4");
        // every test stops its context, which waits for the consumers' receives: short ones keep that quick
        p.put("drive.queue-receive-timeout-ms", "1000");
        return p;
    }

    @Override
    protected List<String> routeFiles() {
        return List.of("drive.yaml", "queue.yaml");
    }

    @Override
    protected void bindMore(CamelContext context, Map<String, String> properties) throws Exception {
        Pipelines.configure(context, new IngressConfiguration());
        Pipelines.configure(context, new QueueConfiguration());
        brokerSettings = context.getRegistry().findSingleByType(BrokerSettings.class);
        broker = context.hasService(EmbeddedBroker.class);
    }

    protected ActiveMQConnectionFactory clientFactory() {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerSettings.port());
    }

    /** Publishes a clip the way a backend would: the bytes as the body, TaskId / SampleRate / ClipName as properties. */
    protected void publish(byte[] clip, String taskId, Integer sampleRate, String clipName) throws Exception {
        Map<String, Object> properties = new java.util.HashMap<>();
        if (taskId != null) {
            properties.put("TaskId", taskId);
        }
        if (sampleRate != null) {
            properties.put("SampleRate", sampleRate);
        }
        if (clipName != null) {
            properties.put("ClipName", clipName);
        }
        publish(clip, properties);
    }

    /** Publishes a clip with these message properties. */
    protected void publish(byte[] clip, Map<String, Object> properties) throws Exception {
        try (Connection connection = clientFactory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(brokerSettings.queue()));
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(clip);
            for (Map.Entry<String, Object> p : properties.entrySet()) {
                message.setObjectProperty(p.getKey(), p.getValue());
            }
            producer.send(message);
        }
    }

    /** Publishes over STOMP from a raw socket, as a publisher in another language would. */
    protected void publishOverStomp(byte[] clip, Map<String, String> headers) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", brokerSettings.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("CONNECT\naccept-version:1.2\nhost:localhost\n\n\0".getBytes(StandardCharsets.UTF_8));
            out.flush();
            StringBuilder connected = new StringBuilder();
            for (int c = in.read(); c > 0; c = in.read()) {
                connected.append((char) c);
            }
            if (!connected.toString().startsWith("CONNECTED")) {
                throw new AssertionError("STOMP: " + connected);
            }
            StringBuilder frame = new StringBuilder("SEND\ndestination:" + brokerSettings.queue()
                                                    + "\ndestination-type:ANYCAST\npersistent:true\nreceipt:r1\ncontent-length:" + clip.length + "\n");
            headers.forEach((k, v) -> frame.append(k).append(':').append(v).append('\n'));
            frame.append('\n');
            out.write(frame.toString().getBytes(StandardCharsets.UTF_8));
            out.write(clip);
            out.write(0);
            out.flush();
            StringBuilder receipt = new StringBuilder();
            int c = in.read();
            while (c == 0 || c == '\n' || c == '\r') {
                c = in.read();
            }
            for (; c > 0; c = in.read()) {
                receipt.append((char) c);
            }
            if (!receipt.toString().startsWith("RECEIPT")) {
                throw new AssertionError("STOMP send not acknowledged: " + receipt);
            }
        }
    }

    /** Receives up to {@code count} messages from a queue within the timeout. */
    protected List<Message> receive(String queue, int count, long timeoutMs) throws Exception {
        List<Message> received = new ArrayList<>();
        try (Connection connection = clientFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (received.size() < count && System.currentTimeMillis() < deadline) {
                Message m = consumer.receive(Math.max(1, deadline - System.currentTimeMillis()));
                if (m != null) {
                    received.add(m);
                }
            }
        }
        return received;
    }

    protected List<JsonNode> receiveReports(int count, long timeoutMs) throws Exception {
        List<JsonNode> reports = new ArrayList<>();
        for (Message m : receive(brokerSettings.resultsQueue(), count, timeoutMs)) {
            reports.add(JSON.readTree(((TextMessage) m).getText()));
        }
        return reports;
    }
}
