package io.avatardrive.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.avatardrive.support.TestClips;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka ingress under load, from a backend's side: a burst of one-second clips for as many tasks on an 8-partition
 * topic, published at once (drain time, underruns, how late each task's clip ended), then live utterances published
 * piece by piece (from the first piece's publish to the first PCM at the avatar).
 */
final class KafkaScenario {

    private final String bootstrap;
    private final String topic;
    private final Supplier<List<Heard>> heard;
    private final Function<List<Heard>, Map<String, Object>> pacing;

    KafkaScenario(String bootstrap, String topic, Supplier<List<Heard>> heard,
                  Function<List<Heard>, Map<String, Object>> pacing) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.heard = heard;
        this.pacing = pacing;
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 * 1024 * 1024));
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** {@code clips} one-second clips for as many tasks, published at once. */
    Map<String, Object> burst(int clips) throws Exception {
        byte[] wav = TestClips.wav16(16000, TestClips.pcm16(16000, 1.0));
        Set<String> tasks = new java.util.HashSet<>();
        long t0;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            t0 = System.nanoTime();
            for (int i = 0; i < clips; i++) {
                String task = "kafka-" + i;
                tasks.add(task);
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, task, wav);
                record.headers().add("ClipName", "burst.wav".getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
        List<Heard> done = await(tasks, clips, Duration.ofSeconds(300));
        Map<String, Object> f = pacing.apply(done);
        f.put("clips", clips);
        long last = done.stream().mapToLong(Heard::closedAt).max().orElse(t0);
        f.put("publishToLastStopSeconds", DriveBenchmark.round((last - t0) / 1e9));
        // how much later than it could have each task's clip ended: published at t0, one second of audio
        List<Double> late = done.stream().map(d -> (d.stoppedAt() - t0) / 1e6 - 1000).toList();
        f.put("taskLatenessP50Ms", DriveBenchmark.percentile(late, 0.5));
        f.put("taskLatenessP99Ms", DriveBenchmark.percentile(late, 0.99));
        f.put("taskLatenessMaxMs", DriveBenchmark.percentile(late, 1.0));
        return f;
    }

    /** {@code conversations} live utterances of {@code pieces} pieces of 100 ms, each published as a TTS makes it. */
    Map<String, Object> live(int conversations, int pieces, String round) throws Exception {
        byte[] piece = TestClips.pcm16(16000, 0.1);
        Map<String, Long> firstPublished = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int seq = 0; seq < pieces; seq++) {
                long due = System.nanoTime();
                for (int c = 0; c < conversations; c++) {
                    String task = "kafka-live-" + round + "-" + c;
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, task, piece);
                    record.headers().add("UtteranceId", (task + "-u").getBytes(StandardCharsets.UTF_8));
                    record.headers().add("Seq", Integer.toString(seq).getBytes(StandardCharsets.UTF_8));
                    record.headers().add("Last", Boolean.toString(seq == pieces - 1).getBytes(StandardCharsets.UTF_8));
                    if (seq == 0) {
                        record.headers().add("SampleRate", "16000".getBytes(StandardCharsets.UTF_8));
                        firstPublished.put(task, System.nanoTime());
                    }
                    producer.send(record);
                }
                producer.flush();
                // the next pieces come as a streaming TTS makes them: 100 ms of audio every 100 ms
                long sleep = due + 100_000_000L - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
        }
        List<Heard> done = await(firstPublished.keySet(), conversations, Duration.ofSeconds(120));
        Map<String, Object> f = new LinkedHashMap<>(pacing.apply(done));
        f.put("conversations", conversations);
        List<Double> firstPcm = done.stream().filter(d -> d.firstAudioAt() > 0)
                .map(d -> (d.firstAudioAt() - firstPublished.get(d.taskId())) / 1e6).collect(Collectors.toList());
        f.put("firstPieceToFirstPcmP50Ms", DriveBenchmark.percentile(firstPcm, 0.5));
        f.put("firstPieceToFirstPcmP99Ms", DriveBenchmark.percentile(firstPcm, 0.99));
        return f;
    }

    private List<Heard> await(Set<String> tasks, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Heard> done = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            done = heard.get().stream().filter(d -> tasks.contains(d.taskId()) && d.completed()).toList();
            if (done.size() >= count) {
                break;
            }
            Thread.sleep(50);
        }
        return done;
    }
}
