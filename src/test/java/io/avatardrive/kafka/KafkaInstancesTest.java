package io.avatardrive.kafka;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.avatardrive.ProcessLifecycleTest;
import io.avatardrive.standin.StandInDrive;
import io.avatardrive.standin.ZegoStandIn;
import io.avatardrive.support.KafkaBroker;
import io.avatardrive.support.TestClips;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Two instances in one consumer group on a real Kafka broker, sharing a real PostgreSQL: one is killed with SIGKILL in
 * the middle of a drive, and every clip is still spoken whole once, in order per task, with one report each.
 */
class KafkaInstancesTest {

    private static final String APP_ID = "434343";
    private static final String SECRET = "kafka0instances0secret012345678";
    private static final String TOPIC = "burst";

    @TempDir
    static Path work;
    private static EmbeddedPostgres postgres;
    private static KafkaBroker kafka;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        kafka = KafkaBroker.start(work.resolve("kafka"));
        kafka.createTopics(4, TOPIC, TOPIC + ".results", TOPIC + ".DLQ");
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void killingOneOfTwoInstancesMidDriveSpeaksEveryClipWholeOnceInOrderPerTaskWithOneReportEach() throws Exception {
        try (ZegoStandIn standIn = new ZegoStandIn(APP_ID, SECRET, 1000, 300).start(AvailablePortFinder.getNextAvailable())) {
            List<String> settings = List.of("-Dkafka.brokers=" + kafka.bootstrap(), "-Dkafka.topic=" + TOPIC,
                    "-Dkafka.results-topic=" + TOPIC + ".results", "-Dkafka.dead-letter-topic=" + TOPIC + ".DLQ",
                    "-Dkafka.session-timeout-ms=6000",
                    "-Ddrive.idempotency.jdbc-url=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "-Dzego.app-id=" + APP_ID, "-Dzego.server-secret=" + SECRET, "-Dzego.task-id=t",
                    "-Dzego.api-url=" + standIn.apiUrl());
            StringBuffer first = new StringBuffer();
            StringBuffer second = new StringBuffer();
            Process a = instance("a", settings, first);
            Process b = instance("b", settings, second);
            try {
                // both in the group, each reading its share of the partitions
                await().atMost(Duration.ofSeconds(90)).until(() -> first.toString().contains("Reading [")
                                                                   && second.toString().contains("Reading ["));
                int tasks = 4;
                int perTask = 3;
                publishBurst(tasks, perTask);
                // killed while a drive of its own streams audio, before its Stop
                StandInDrive cut = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2))
                        .until(() -> streaming(standIn, first, second), java.util.Objects::nonNull);
                Process killed = first.toString().contains(cut.driveId()) ? a : b;
                killed.destroyForcibly();
                killed.waitFor(10, TimeUnit.SECONDS);

                try {
                    await().atMost(Duration.ofSeconds(120)).until(() -> spoken(standIn).size() == tasks * perTask);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("spoken: " + spoken(standIn) + "\n" + first + "\n--\n" + second, e);
                }
                spoken(standIn).forEach((bytes, count) -> assertEquals(1L, count, "a clip of " + bytes
                        + " bytes was spoken " + count + " times:\n" + first + "\n--\n" + second));
                Map<String, Long> reports = reports(tasks * perTask);
                assertEquals(tasks * perTask, reports.size(), "reports: " + reports + "\n" + first + "\n--\n" + second);
                reports.forEach((clip, count) -> assertEquals(1L, count, clip + " was reported " + count + " times"));
                for (int task = 0; task < tasks; task++) {
                    String taskId = "task-" + task;
                    List<Long> order = standIn.completedDrives().stream().filter(d -> d.taskId().equals(taskId))
                            .sorted(Comparator.comparingLong(StandInDrive::issuedAtNanos)).map(StandInDrive::bytes)
                            .toList();
                    assertEquals(order.stream().sorted().toList(), order, taskId + " was spoken out of order");
                }
                assertEquals(List.of(), standIn.violations(), "no task had two drives at once");
                assertFalse(cut.completed(), "the killed drive never got its Stop");
                String clip = clipOf(killed == a ? first : second, cut.driveId());
                long whole = TestClips.pcm16(16000, seconds(clip)).length;
                assertEquals(1, standIn.completedDrives().stream().filter(d -> d.bytes() == whole
                        && d.issuedAtNanos() > cut.issuedAtNanos()).count(),
                        clip + ", which the kill cut, was spoken whole once afterwards by the other instance");
            } finally {
                for (Process p : List.of(a, b)) {
                    p.destroy();
                    p.waitFor(30, TimeUnit.SECONDS);
                    p.destroyForcibly();
                }
            }
        }
    }

    /** A drive that streams audio and has not ended, and that one of the instances logged as its own; or null. */
    private static StandInDrive streaming(ZegoStandIn standIn, StringBuffer first, StringBuffer second) {
        return standIn.drives().stream().filter(d -> !d.completed() && d.bytes() > 16000)
                .filter(d -> first.toString().contains(d.driveId()) || second.toString().contains(d.driveId()))
                .findFirst().orElse(null);
    }

    /** The clip an instance logged driving with this DriveId ("Driving clip-T-I.wav on task ... DRIVEID"). */
    private static String clipOf(StringBuffer output, String driveId) {
        return output.toString().lines().filter(l -> l.contains("Driving clip-") && l.contains(driveId)).findFirst()
                .map(l -> l.substring(l.indexOf("Driving ") + 8, l.indexOf(".wav") + 4)).orElseThrow();
    }

    /** How long clip-T-I.wav of {@link #publishBurst} is. */
    private static double seconds(String clip) {
        String[] parts = clip.replace(".wav", "").split("-");
        return length(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    private static double length(int task, int i) {
        return 0.8 + 0.2 * i + 0.01 * task;
    }

    /** Clips of distinct lengths, so what the stand-in heard names the clip; within a task, each longer than the last. */
    private static void publishBurst(int tasks, int perTask) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < perTask; i++) {
                for (int task = 0; task < tasks; task++) {
                    ProducerRecord<String, byte[]> clip = new ProducerRecord<>(TOPIC, "task-" + task,
                            TestClips.wav16(16000, TestClips.pcm16(16000, length(task, i))));
                    clip.headers().add("ClipName", ("clip-" + task + "-" + i + ".wav").getBytes(StandardCharsets.UTF_8));
                    producer.send(clip).get();
                }
            }
        }
    }

    /** The reports on the results topic by clip name, read until {@code expected} clips have one, or for 60 s. */
    private static Map<String, Long> reports(int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reports-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> clips = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC + ".results"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // a report published twice would come late: after all are in, read on a little while longer
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    clips.add(new String(r.headers().lastHeader("ClipName").value(), StandardCharsets.UTF_8));
                }
                if (settleUntil == Long.MAX_VALUE && clips.stream().distinct().count() >= expected) {
                    settleUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                }
            }
        }
        return clips.stream().collect(Collectors.groupingBy(c -> c, Collectors.counting()));
    }

    private static Map<Long, Long> spoken(ZegoStandIn standIn) {
        return standIn.completedDrives().stream().collect(Collectors.groupingBy(StandInDrive::bytes,
                Collectors.counting()));
    }

    private static Process instance(String name, List<String> settings, StringBuffer output) throws Exception {
        return ProcessLifecycleTest.startIn(Files.createDirectories(work.resolve(name)), settings, new HashMap<>(), output);
    }
}
