package io.avatardrive;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.avatardrive.standin.StandInDrive;
import io.avatardrive.standin.ZegoStandIn;
import io.avatardrive.support.ChunkedPost;
import io.avatardrive.support.StockArtemis;
import io.avatardrive.support.TestClips;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances on one stock Apache Artemis broker (login required), sharing the driven-message record in a real
 * PostgreSQL: one is killed with SIGKILL in the middle of a burst, and no clip is spoken to the end twice, while each
 * task's clips keep their publish order.
 */
class SeveralInstancesTest {

    private static final String USER = "app";
    private static final String PASSWORD = "app-pw";
    private static final String APP_ID = "424242";
    private static final String SECRET = "several0instances0secret0123456";

    @TempDir
    static Path work;
    private static EmbeddedPostgres postgres;
    private static StockArtemis broker;
    private static int brokerPort;

    @BeforeAll
    static void startPostgresAndBroker() throws Exception {
        Assumptions.assumeTrue(StockArtemis.available(),
                "the stock Artemis distribution is unpacked by Maven (generate-test-resources)");
        postgres = EmbeddedPostgres.builder().start();
        broker = StockArtemis.start(work.resolve("broker"), USER, PASSWORD);
        brokerPort = broker.port();
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void killingOneOfTwoInstancesMidBurstSpeaksNoClipTwiceAndKeepsEachTasksOrder() throws Exception {
        try (ZegoStandIn standIn = new ZegoStandIn(APP_ID, SECRET, 1000, 300).start(AvailablePortFinder.getNextAvailable())) {
            List<String> settings = settings(standIn, "-Ddrive.queue-consumers=4");
            StringBuffer first = new StringBuffer();
            StringBuffer second = new StringBuffer();
            Process a = instance("a", settings, first);
            Process b = instance("b", settings, second);
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> first.toString().contains(") started in")
                                                                   && second.toString().contains(") started in"));
                int tasks = 4;
                int perTask = 3;
                publishBurst(tasks, perTask);
                // killed as soon as the avatar has a drive's last audio and no Stop yet: the instance records the clip
                // as driven (with its report so far) right then, before its Stop, so the kill lands between the two or
                // just after; the redelivery must neither speak that clip again nor leave it without a report. Should
                // the window pass unseen, the instance that drove first is killed right after a Stop.
                Set<Long> whole = clipSizes(tasks, perTask);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1))
                        .until(() -> lastAudioBeforeStop(standIn, whole) != null || drove(first) || drove(second));
                StandInDrive caught = lastAudioBeforeStop(standIn, whole);
                Process killed = caught != null ? (first.toString().contains(caught.driveId()) ? a : b)
                        : drove(first) ? a : b;
                killed.destroyForcibly();
                killed.waitFor(10, TimeUnit.SECONDS);
                System.out.println("killed " + (caught != null ? "after the last audio of " + caught.driveId()
                        + ", Stop " + (caught.stoppedAtNanos() == 0 ? "not sent" : "sent as it died") : "after a Stop"));

                try {
                    await().atMost(Duration.ofSeconds(90)).until(() -> spoken(standIn).keySet().size() == tasks * perTask);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("spoken: " + spoken(standIn) + "\n" + first + "\n--\n" + second, e);
                }
                Map<Long, Long> completions = spoken(standIn);
                completions.forEach((bytes, count) -> assertEquals(1L, count, "a clip of " + bytes + " bytes was spoken "
                                                                               + count + " times:\n" + first + "\n" + second));
                // every clip has its one report, the killed instance's last one included (kept with its record)
                Map<String, Long> reports = reports(tasks * perTask);
                assertEquals(tasks * perTask, reports.size(), "reports: " + reports + "\n" + first + "\n" + second);
                reports.forEach((clip, count) -> assertEquals(1L, count, clip + " was reported " + count + " times"));
                // per-task order holds for every clip but one that was in flight on the killed instance: Artemis
                // gives the task's group to the other instance before that clip is back in the queue, so it may be
                // spoken after its task's next clip (a limit of the broker's groups; see the README)
                StringBuffer killedOutput = killed == a ? first : second;
                for (int task = 0; task < tasks; task++) {
                    String taskId = "task-" + task;
                    List<Long> order = standIn.completedDrives().stream().filter(d -> d.taskId().equals(taskId))
                            .sorted(Comparator.comparingLong(StandInDrive::issuedAtNanos)).map(StandInDrive::bytes).toList();
                    List<Long> published = order.stream().sorted().toList();
                    List<Long> kept = new ArrayList<>(order);
                    for (int i = 0; i < perTask; i++) {
                        if (inFlight(killedOutput, "clip-" + task + "-" + i + ".wav")) {
                            kept.remove(published.get(i));
                        }
                    }
                    assertEquals(kept.stream().sorted().toList(), kept, taskId + " was spoken out of order:\n"
                                                                        + lines(first, taskId) + "\n--\n" + lines(second, taskId));
                }
            } finally {
                stop(a, b);
            }
        }
    }

    @Test
    void oneTaskSentToTwoInstancesAtOnceOverHttpAndWebSocketIsDrivenByOneInstanceAtATime() throws Exception {
        try (ZegoStandIn standIn = new ZegoStandIn(APP_ID, SECRET, 1000, 300).start(AvailablePortFinder.getNextAvailable())) {
            int portA = AvailablePortFinder.getNextAvailable();
            int portB = AvailablePortFinder.getNextAvailable();
            StringBuffer first = new StringBuffer();
            StringBuffer second = new StringBuffer();
            List<String> settingsA = settings(standIn, "-Dingress.port=" + portA);
            List<String> settingsB = settings(standIn, "-Dingress.port=" + portB);
            Process a = instance("http", settingsA, first);
            Process b = instance("socket", settingsB, second);
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> first.toString().contains(") started in")
                                                                   && second.toString().contains(") started in"));
                byte[] pcm = TestClips.pcm16(16000, 1.5);
                // a load balancer sent one conversation's two utterances to different instances, at the same moment
                try (ChunkedPost post = new ChunkedPost(portA, "/tasks/shared-task/speak?name=over-http",
                        "audio/pcm;rate=16000")) {
                    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(
                            "ws://127.0.0.1:" + portB + "/tasks/shared-task/speak?rate=16000&name=over-socket"),
                            new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
                    post.chunk(pcm, 0, pcm.length);
                    socket.sendBinary(ByteBuffer.wrap(pcm), true).get(10, TimeUnit.SECONDS);
                    post.finishBody();
                    socket.sendText("{\"action\":\"end\"}", true).get(10, TimeUnit.SECONDS);
                    await().atMost(Duration.ofSeconds(30)).until(() -> standIn.completedDrives().stream()
                            .filter(d -> "shared-task".equals(d.taskId())).count() == 2);
                    assertEquals(200, post.answer().status());
                }
                assertEquals(List.of(), standIn.violations(), "two instances drove one task at once:\n" + first
                                                              + "\n--\n" + second);
                List<StandInDrive> drives = standIn.completedDrives().stream()
                        .filter(d -> "shared-task".equals(d.taskId()))
                        .sorted(Comparator.comparingLong(StandInDrive::connectedAtNanos)).toList();
                assertTrue(drives.get(1).connectedAtNanos() >= drives.get(0).closedAtNanos(),
                        "the second drive connected before the first one's socket closed");
                drives.forEach(d -> assertEquals(pcm.length, d.bytes(), "each utterance spoken whole"));
            } finally {
                stop(a, b);
            }
        }
    }

    @Test
    void eightActiveTasksSpreadOverTwoInstancesAndAQueueInterruptCutsWhicheverInstanceDrivesItsTask() throws Exception {
        try (ZegoStandIn standIn = new ZegoStandIn(APP_ID, SECRET, 1000, 300).start(AvailablePortFinder.getNextAvailable())) {
            List<String> settings = settings(standIn);
            StringBuffer first = new StringBuffer();
            StringBuffer second = new StringBuffer();
            Process a = instance("spread-a", settings, first);
            await().atMost(Duration.ofSeconds(60)).until(() -> first.toString().contains(") started in"));
            // the second instance joins later, as an autoscaler adds one: its consumers come after all of the first's
            Process b = instance("spread-b", settings, second);
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> second.toString().contains(") started in"));
                int tasks = 8;
                try (Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort, USER,
                        PASSWORD).createConnection()) {
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageProducer producer = session.createProducer(session.createQueue("avatar.drive"));
                    for (int task = 0; task < tasks; task++) {
                        producer.send(clip(session, "spread-" + task, "long.wav", 20, false));
                    }
                    await().atMost(Duration.ofSeconds(30)).until(() -> standIn.drives().stream()
                            .filter(d -> d.taskId().startsWith("spread-") && d.bytes() > 0).count() == tasks);
                    long onFirst = countDriving(first, "long.wav");
                    long onSecond = countDriving(second, "long.wav");
                    assertTrue(onFirst >= 2 && onSecond >= 2, "8 active tasks: " + onFirst + " on the first instance, "
                                                              + onSecond + " on the second");
                    // users barge in on every conversation, wherever it is driven
                    for (int task = 0; task < tasks; task++) {
                        producer.send(clip(session, "spread-" + task, "reply.wav", 0.3, true));
                    }
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> standIn.completedDrives().stream()
                        .filter(d -> d.taskId().startsWith("spread-")).count() == 2L * tasks);
                for (int task = 0; task < tasks; task++) {
                    String taskId = "spread-" + task;
                    List<StandInDrive> drives = standIn.completedDrives().stream().filter(d -> d.taskId().equals(taskId))
                            .sorted(Comparator.comparingLong(StandInDrive::connectedAtNanos)).toList();
                    assertTrue(drives.get(0).bytes() < 16000 * 2 * 20, taskId + "'s long clip was not cut");
                    assertEquals(Math.round(16000 * 2 * 0.3), drives.get(1).bytes(), taskId + "'s reply spoken whole");
                }
                assertEquals(List.of(), standIn.violations());
                // one report per clip, interrupted ones included (read here, so the other tests see only theirs)
                assertEquals(Map.of("long.wav", (long) tasks, "reply.wav", (long) tasks), reports(2 * tasks));
            } finally {
                stop(a, b);
            }
        }
    }

    private static long countDriving(StringBuffer output, String clip) {
        return output.toString().lines().filter(l -> l.contains("DriveSteps - Driving " + clip + " ")).count();
    }

    private static BytesMessage clip(Session session, String taskId, String name, double seconds, boolean interrupt)
            throws Exception {
        BytesMessage clip = session.createBytesMessage();
        clip.writeBytes(TestClips.wav16(16000, TestClips.pcm16(16000, seconds)));
        clip.setStringProperty("TaskId", taskId);
        clip.setStringProperty("ClipName", name);
        if (interrupt) {
            clip.setBooleanProperty("Interrupt", true);
        }
        return clip;
    }

    private static String lines(StringBuffer output, String taskId) {
        return output.toString().lines().filter(l -> l.contains(taskId) || l.contains("clip-" + taskId.substring(5)))
                .collect(Collectors.joining("\n"));
    }

    /** Whether the instance had started the clip's drive and not finished it when it was killed. */
    private static boolean inFlight(StringBuffer output, String clip) {
        String text = output.toString();
        return text.contains("Driving " + clip + " ") && !text.contains("Drove " + clip + " ");
    }

    /** The pcm length of every clip {@link #publishBurst} publishes. */
    private static Set<Long> clipSizes(int tasks, int perTask) {
        Set<Long> sizes = new java.util.HashSet<>();
        for (int i = 0; i < perTask; i++) {
            for (int task = 0; task < tasks; task++) {
                sizes.add((long) TestClips.pcm16(16000, 0.6 + 0.1 * i + 0.01 * task).length);
            }
        }
        return sizes;
    }

    /** A drive the avatar has all the audio of and no Stop for yet, or null. */
    private static StandInDrive lastAudioBeforeStop(ZegoStandIn standIn, Set<Long> whole) {
        return standIn.drives().stream().filter(d -> d.stoppedAtNanos() == 0 && whole.contains(d.bytes()))
                .findFirst().orElse(null);
    }

    private static boolean drove(StringBuffer output) {
        return output.toString().contains("DriveSteps - Drove ");
    }

    /** Clips of distinct lengths, so what the stand-in heard names the clip; within a task, each longer than the last. */
    private static void publishBurst(int tasks, int perTask) throws Exception {
        try (Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort, USER, PASSWORD)
                .createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("avatar.drive"));
            for (int i = 0; i < perTask; i++) {
                for (int task = 0; task < tasks; task++) {
                    BytesMessage clip = session.createBytesMessage();
                    clip.writeBytes(TestClips.wav16(16000, TestClips.pcm16(16000, 0.6 + 0.1 * i + 0.01 * task)));
                    clip.setStringProperty("TaskId", "task-" + task);
                    clip.setStringProperty("ClipName", "clip-" + task + "-" + i + ".wav");
                    producer.send(clip);
                }
            }
        }
    }

    /** The reports on the results queue, by clip name, read until {@code expected} clips have one or 60 s passed. */
    private static Map<String, Long> reports(int expected) throws Exception {
        Map<String, Long> reports = new java.util.TreeMap<>();
        try (Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort, USER, PASSWORD)
                .createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.MessageConsumer results = session.createConsumer(session.createQueue("avatar.drive.results"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (reports.size() < expected && System.nanoTime() < deadline) {
                jakarta.jms.Message report = results.receive(1000);
                if (report != null) {
                    String file = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.getBody(String.class))
                            .path("file").asText();
                    reports.merge(file, 1L, Long::sum);
                }
            }
            // anything more would be a second report of a clip
            for (jakarta.jms.Message extra = results.receive(500); extra != null; extra = results.receive(500)) {
                reports.merge(new com.fasterxml.jackson.databind.ObjectMapper().readTree(extra.getBody(String.class))
                        .path("file").asText(), 1L, Long::sum);
            }
        }
        return reports;
    }

    /** How many times each clip (by its length) was spoken to the end: sent Stop after all its audio. */
    private static Map<Long, Long> spoken(ZegoStandIn standIn) {
        return standIn.completedDrives().stream()
                .collect(Collectors.groupingBy(StandInDrive::bytes, Collectors.counting()));
    }

    private static Process instance(String name, List<String> settings, StringBuffer output) throws Exception {
        ProcessLifecycleTest app = new ProcessLifecycleTest();
        app.data = Files.createDirectories(work.resolve(name));
        return app.start(new CountDownLatch(1), settings, Map.of("BROKER_PASSWORD", PASSWORD), output);
    }

    /** The settings every instance shares: the stock broker, the shared record, the stand-in; then {@code more}. */
    private static List<String> settings(ZegoStandIn standIn, String... more) {
        List<String> settings = new ArrayList<>(List.of("-Dbroker.url=tcp://127.0.0.1:" + brokerPort,
                "-Dbroker.username=" + USER, "-Ddrive.idempotency.jdbc-url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "-Dzego.app-id=" + APP_ID, "-Dzego.server-secret=" + SECRET, "-Dzego.task-id=t",
                "-Dzego.api-url=" + standIn.apiUrl()));
        settings.addAll(List.of(more));
        return settings;
    }

    private static void stop(Process... instances) throws InterruptedException {
        for (Process instance : instances) {
            instance.destroy();
            instance.waitFor(30, TimeUnit.SECONDS);
            instance.destroyForcibly();
        }
    }
}
