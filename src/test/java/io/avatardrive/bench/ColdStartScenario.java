package io.avatardrive.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.support.ChunkedPost;
import io.avatardrive.support.RunningApp;
import io.avatardrive.support.SocketAnswer;
import io.avatardrive.support.TestClips;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.test.AvailablePortFinder;

/**
 * An instance that has just started, as an autoscaler adds one: the application in a process of its own, and the moment
 * {@code /observe/health/ready} answers 200, one live utterance whose client opens at its first piece; then a second
 * one on the same, now warm, instance. Per ingress (a fresh instance each), the report's first PCM of both.
 */
final class ColdStartScenario {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] UTTERANCE = TestClips.pcm16(16000, 0.5);

    private final Path root;

    ColdStartScenario(Path root) {
        this.root = root;
    }

    Map<String, Object> run() throws Exception {
        Map<String, Object> f = new LinkedHashMap<>();
        for (String ingress : List.of("http", "websocket", "queue")) {
            int management = AvailablePortFinder.getNextAvailable();
            int live = AvailablePortFinder.getNextAvailable();
            int broker = AvailablePortFinder.getNextAvailable();
            Path data = Files.createDirectories(root.resolve("cold-" + ingress));
            try (RunningApp app = RunningApp.start(data, List.of("-Dmanagement.port=" + management,
                    "-Dingress.port=" + live, "-Dbroker.port=" + broker))) {
                awaitReady(management);
                long cold = firstPcmMs(ingress, live, broker, "cold");
                long warm = firstPcmMs(ingress, live, broker, "warm");
                f.put(ingress, Map.of("coldFirstPcmMs", cold, "warmFirstPcmMs", warm));
            }
        }
        return f;
    }

    private static void awaitReady(int management) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/observe/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // the management port is not bound yet
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        throw new IllegalStateException("not ready within 60 s");
    }

    /** One utterance, its client opening with its first (and only) piece; the report's first PCM. */
    private static long firstPcmMs(String ingress, int live, int broker, String name) throws Exception {
        String report = switch (ingress) {
            case "http" -> {
                try (ChunkedPost post = new ChunkedPost(live, "/tasks/cold-" + name + "/speak", "audio/pcm;rate=16000")) {
                    post.chunk(UTTERANCE, 0, UTTERANCE.length);
                    yield post.finish().body();
                }
            }
            case "websocket" -> {
                SocketAnswer answer = new SocketAnswer();
                WebSocket socket = answer.open("ws://127.0.0.1:" + live + "/tasks/cold-" + name + "/speak?rate=16000");
                socket.sendBinary(ByteBuffer.wrap(UTTERANCE), true).join();
                socket.sendText("{\"action\":\"end\"}", true).join();
                yield answer.report.get(30, TimeUnit.SECONDS);
            }
            default -> queue(broker, name);
        };
        return JSON.readTree(report).path("firstPcmMs").asLong(-1);
    }

    private static String queue(int broker, String name) throws Exception {
        try (Connection jms = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + broker).createConnection()) {
            jms.start();
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer results = session.createConsumer(session.createQueue("avatar.drive.results"),
                    "UtteranceId = 'cold-" + name + "'");
            MessageProducer producer = session.createProducer(session.createQueue("avatar.drive"));
            for (int seq = 0; seq < 2; seq++) {
                BytesMessage piece = session.createBytesMessage();
                piece.writeBytes(seq == 0 ? UTTERANCE : new byte[0]);
                piece.setStringProperty("UtteranceId", "cold-" + name);
                piece.setIntProperty("Seq", seq);
                piece.setBooleanProperty("Last", seq == 1);
                piece.setStringProperty("TaskId", "cold-" + name);
                piece.setIntProperty("SampleRate", 16000);
                producer.send(piece);
            }
            Message report = results.receive(30_000);
            return report == null ? "{}" : report.getBody(String.class);
        }
    }
}
