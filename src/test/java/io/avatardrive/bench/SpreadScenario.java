package io.avatardrive.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.avatardrive.support.RunningApp;
import io.avatardrive.support.StockArtemis;
import io.avatardrive.support.TestClips;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.test.AvailablePortFinder;

import static org.awaitility.Awaitility.await;

/**
 * Two instances on one stock Artemis, the second started after the first (as an autoscaler adds one): {@code tasks}
 * tasks publish a long clip each at once, then as many other tasks a live utterance each in pieces; how many of each
 * every instance drives. Each instance speaks to its own local stand-in.
 */
final class SpreadScenario {

    private static final String USER = "bench";
    private static final String PASSWORD = "bench-pw";

    private final Path root;

    SpreadScenario(Path root) {
        this.root = root;
    }

    Map<String, Object> run(int tasks) throws Exception {
        Map<String, Object> f = new LinkedHashMap<>();
        try (StockArtemis broker = StockArtemis.start(root.resolve("spread-broker"), USER, PASSWORD)) {
            List<String> settings = List.of("-Dbroker.url=" + broker.url(), "-Dbroker.username=" + USER,
                    "-Dbroker.password=" + PASSWORD);
            try (RunningApp first = RunningApp.start(Files.createDirectories(root.resolve("spread-a")), with(settings));
                 RunningApp second = RunningApp.start(Files.createDirectories(root.resolve("spread-b")), with(settings));
                 Connection jms = new ActiveMQConnectionFactory(broker.url(), USER, PASSWORD).createConnection()) {
                Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue("avatar.drive"));
                byte[] clip = TestClips.wav16(16000, TestClips.pcm16(16000, 5));
                for (int task = 0; task < tasks; task++) {
                    BytesMessage message = session.createBytesMessage();
                    message.writeBytes(clip);
                    message.setStringProperty("TaskId", "spread-clip-" + task);
                    message.setStringProperty("ClipName", "spread-clip.wav");
                    producer.send(message);
                }
                awaitDriving(tasks, "spread-clip.wav", first, second);
                f.put("clipsOnFirst", driving(first, "spread-clip.wav"));
                f.put("clipsOnSecond", driving(second, "spread-clip.wav"));
                byte[] piece = TestClips.pcm16(16000, 0.1);
                for (int seq = 0; seq < 30; seq++) {
                    for (int task = 0; task < tasks; task++) {
                        BytesMessage message = session.createBytesMessage();
                        message.writeBytes(piece);
                        message.setStringProperty("UtteranceId", "spread-live-" + task);
                        message.setIntProperty("Seq", seq);
                        message.setBooleanProperty("Last", seq == 29);
                        if (seq == 0) {
                            message.setStringProperty("TaskId", "spread-live-" + task);
                            message.setIntProperty("SampleRate", 16000);
                            message.setStringProperty("ClipName", "spread-live");
                        }
                        producer.send(message);
                    }
                }
                awaitDriving(tasks, "spread-live", first, second);
                f.put("utterancesOnFirst", driving(first, "spread-live"));
                f.put("utterancesOnSecond", driving(second, "spread-live"));
            }
        }
        return f;
    }

    private static List<String> with(List<String> settings) {
        List<String> all = new java.util.ArrayList<>(settings);
        all.add("-Dmanagement.port=" + AvailablePortFinder.getNextAvailable());
        all.add("-Dingress.port=" + AvailablePortFinder.getNextAvailable());
        return all;
    }

    private static void awaitDriving(int tasks, String clip, RunningApp first, RunningApp second) {
        await().atMost(Duration.ofSeconds(60)).until(() -> driving(first, clip) + driving(second, clip) == tasks);
    }

    private static long driving(RunningApp app, String clip) {
        return app.output().lines().filter(l -> l.contains("DriveSteps - Driving " + clip + " ")).count();
    }
}
