package io.avatardrive.queue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import io.avatardrive.standin.StandInDrive;
import io.avatardrive.support.QueueTestSupport;
import io.avatardrive.support.TestClips;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Publishers and readers as backends in other languages use the queue: AMQP without group-id, STOMP without a type. */
class AnyPublisherTest extends QueueTestSupport {

    @Test
    void amqpMessagesOfOneTaskWithoutGroupIdDriveOneAtATimeInPublishOrder() throws Exception {
        double[] seconds = {0.5, 0.4, 0.3};
        try (Connection connection = new JmsConnectionFactory("amqp://127.0.0.1:" + brokerSettings.port())
                .createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(brokerSettings.queue()));
            for (int i = 0; i < seconds.length; i++) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(TestClips.wav16(16000, TestClips.pcm16(16000, seconds[i])));
                message.setStringProperty("TaskId", "amqp-task");
                message.setStringProperty("ClipName", "clip-" + i + ".wav");
                producer.send(message);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> drivesOf("amqp-task").stream()
                .filter(StandInDrive::completed).count() == seconds.length);
        List<StandInDrive> drives = drivesOf("amqp-task");
        for (int i = 0; i < seconds.length; i++) {
            assertEquals(Math.round(seconds[i] * 32000), drives.get(i).bytes(), "drive " + i + " is out of order");
        }
        for (int i = 1; i < drives.size(); i++) {
            assertTrue(drives.get(i).connectedAtNanos() >= drives.get(i - 1).closedAtNanos(),
                    "two drives of one task at once: " + standIn.violations());
        }
    }

    @Test
    void aStompReaderAttachedToTheResultsQueueBeforeAnythingWasPublishedGetsTheReport() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", brokerSettings.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            // no destination-type: a reader that does not know the address is a queue
            out.write(("CONNECT\naccept-version:1.2\nhost:localhost\n\n\0SUBSCRIBE\nid:0\ndestination:"
                       + brokerSettings.resultsQueue() + "\nack:auto\nreceipt:s\n\n\0").getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertTrue(readFrame(in).startsWith("CONNECTED"));
            assertTrue(readFrame(in).startsWith("RECEIPT"));

            publish(TestClips.wav16(16000, TestClips.pcm16(16000, 0.2)), "results-task", null, "early-reader.wav");
            String frame = readFrame(in);
            assertTrue(frame.startsWith("MESSAGE") && frame.contains("early-reader.wav"), frame);
        }
    }

    private static String readFrame(InputStream in) throws Exception {
        StringBuilder frame = new StringBuilder();
        int c = in.read();
        while (c == '\n' || c == '\r') {
            c = in.read();
        }
        for (; c > 0; c = in.read()) {
            frame.append((char) c);
        }
        return frame.toString();
    }

    private static List<StandInDrive> drivesOf(String taskId) {
        return standIn.drives().stream().filter(d -> d.taskId().equals(taskId))
                .sorted(Comparator.comparingLong(StandInDrive::issuedAtNanos)).toList();
    }
}
