package io.avatardrive;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.avatardrive.support.TestClips;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nobody unauthorised makes the avatar speak: the broker and the management port beyond loopback need credentials. */
class AccessControlTest {

    private static final String USER = "ops";
    private static final String PASSWORD = "b1g-s3cret";

    @TempDir
    Path data;

    private Process start(List<String> settings, Map<String, String> environment, StringBuffer output) throws Exception {
        return ProcessLifecycleTest.startIn(data, settings, environment, output);
    }

    private void assertRefusesToStart(List<String> settings, String naming) throws Exception {
        StringBuffer output = new StringBuffer();
        Process process = start(settings, Map.of(), output);
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "it kept running:\n" + output);
            assertNotEquals(0, process.exitValue(), output.toString());
            assertTrue(output.toString().contains(naming), "no message naming " + naming + ":\n" + output);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aBrokerBoundBeyondLoopbackWithoutALoginStopsTheStartNamingBothSettings() throws Exception {
        assertRefusesToStart(List.of("-Dbroker.host=0.0.0.0"), "set broker.username and broker.password");
    }

    @Test
    void aManagementPortBoundBeyondLoopbackWithoutCredentialsStopsTheStartNamingThem() throws Exception {
        assertRefusesToStart(List.of("-Dmanagement.host=0.0.0.0"), "set management.username and management.password");
    }

    @Test
    void withCredentialsEveryProtocolAndTheManagementPortAskForThemAndTheRightOnesDriveAClip() throws Exception {
        int broker = AvailablePortFinder.getNextAvailable();
        int management = AvailablePortFinder.getNextAvailable();
        StringBuffer output = new StringBuffer();
        Process process = start(List.of("-Dbroker.port=" + broker, "-Dmanagement.port=" + management,
                        "-Dbroker.host=0.0.0.0", "-Dmanagement.host=0.0.0.0"),
                Map.of("BROKER_USERNAME", USER, "BROKER_PASSWORD", PASSWORD, "MANAGEMENT_USERNAME", USER,
                        "MANAGEMENT_PASSWORD", PASSWORD), output);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> output.toString().contains(") started in"));

            assertThrows(JMSSecurityException.class, () -> new ActiveMQConnectionFactory("tcp://127.0.0.1:" + broker)
                    .createConnection().close(), "CORE without a login");
            assertThrows(JMSSecurityException.class, () -> new JmsConnectionFactory("amqp://127.0.0.1:" + broker)
                    .createConnection().start(), "AMQP without a login");
            assertTrue(stompConnect(broker, "").startsWith("ERROR"), "STOMP without a login");
            assertTrue(stompConnect(broker, "login:" + USER + "\npasscode:" + PASSWORD + "\n").startsWith("CONNECTED"));

            HttpClient http = HttpClient.newHttpClient();
            URI health = URI.create("http://127.0.0.1:" + management + "/observe/health");
            assertEquals(401, http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode());
            String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            assertEquals(200, http.send(HttpRequest.newBuilder(health).header("Authorization", "Basic " + basic).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            // the console and its upload are behind the same login
            URI console = URI.create("http://127.0.0.1:" + management + "/console");
            assertEquals(401, http.send(HttpRequest.newBuilder(console).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode());
            assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(console + "/speak?task=t&name=a.wav"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[64])).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(200, http.send(HttpRequest.newBuilder(console).header("Authorization", "Basic " + basic).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());

            try (Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + broker, USER, PASSWORD)
                    .createConnection()) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                BytesMessage clip = session.createBytesMessage();
                clip.writeBytes(TestClips.wav16(16000, TestClips.pcm16(16000, 0.2)));
                clip.setStringProperty("ClipName", "authorised.wav");
                session.createProducer(session.createQueue("avatar.drive")).send(clip);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> output.toString().contains("Drove authorised.wav"));
            assertTrue(!output.toString().contains(PASSWORD), "the password reached the log");
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }

    private static String stompConnect(int port, String login) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("CONNECT\naccept-version:1.2\nhost:localhost\n" + login + "\n\0").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder frame = new StringBuilder();
            for (int c = in.read(); c > 0; c = in.read()) {
                frame.append((char) c);
            }
            return frame.toString();
        }
    }
}
