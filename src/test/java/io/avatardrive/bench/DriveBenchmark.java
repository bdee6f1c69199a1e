package io.avatardrive.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.live.LiveConfiguration;
import io.avatardrive.ingress.IngressConfiguration;
import io.avatardrive.kafka.KafkaConfiguration;
import io.avatardrive.support.KafkaBroker;
import io.avatardrive.queue.QueueConfiguration;
import io.avatardrive.settings.BrokerSettings;
import io.avatardrive.settings.LiveSettings;
import io.avatardrive.standin.SamiStandIn;
import io.avatardrive.standin.VolcStandIn;
import io.avatardrive.standin.SamiStandInTask;
import io.avatardrive.standin.ZegoStandIn;
import io.avatardrive.support.Pipelines;
import io.avatardrive.support.TestClips;
import io.avatardrive.zego.ZegoFrames;
import io.avatardrive.zego.ZegoSigner;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;

/**
 * Measures pacing at scale from what arrives at the stand-in: N concurrent drives, a long clip's memory and drift,
 * drop-to-first-PCM latency, and the pipeline beside the vendor sample's naive "4096 bytes, sleep 100 ms" sender.
 * Prints one table and one JSON line. Run: see docs/performance.md.
 */
public final class DriveBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_ID = "4242";
    private static final String SECRET = "benchsecret0123456789abcdef01234";
    private static final int LEAD_MS = 500;
    private static final int CHUNK_MS = 100;

    private final Map<String, String> options;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<String[]> table = new ArrayList<>();
    private BenchStandIn standIn;
    private KafkaBroker kafka;
    private SamiStandIn sami;
    private VolcStandIn volc;
    private CamelContext context;
    private Path root;
    private Path inbox;
    private Path done;
    private BrokerSettings brokerSettings;
    private LiveSettings liveSettings;

    private DriveBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("drives", "1000", "seconds", "30", "long-seconds", "300",
                "trickle", "40", "burst", "20", "queue-clips", "20", "voice-clips", "3", "voice-seconds", "10", "stand-in", "process",
                "scenarios", "concurrent,long,latency,burst,naive,voice"));
        options.putAll(Map.of("live-conversations", "100", "live-seconds", "3", "live-interrupts", "100",
                "text-conversations", "100", "idle-folders", "5000"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new DriveBenchmark(options).run();
        System.exit(0);
    }

    private int option(String name) {
        return Integer.parseInt(options.get(name));
    }

    private void run() throws Exception {
        root = Files.createTempDirectory("avatar-bench");
        inbox = root.resolve("inbox");
        done = root.resolve("done");
        int drives = option("drives");
        int apiQps = Integer.parseInt(options.getOrDefault("api-qps", "100000"));
        // by default the stand-in runs in a JVM of its own, so the CPU figures are the pipeline's alone
        standIn = "inline".equals(options.get("stand-in"))
                ? BenchStandIn.inline(new ZegoStandIn(APP_ID, SECRET, Math.max(10, apiQps), 300).scheduleLead(LEAD_MS)
                        .start(AvailablePortFinder.getNextAvailable()))
                : BenchStandIn.process(APP_ID, SECRET, Math.max(10, apiQps), LEAD_MS);
        figures.put("standIn", options.get("stand-in"));
        Map<String, String> p = new HashMap<>();
        p.put("zego.api-url", standIn.apiUrl());
        p.put("zego.app-id", APP_ID);
        p.put("zego.server-secret", SECRET);
        p.put("zego.task-id", "bench");
        // by default the rate limit is lifted at both ends: this measures pacing, not the vendor's quota
        p.put("zego.api-qps", Integer.toString(apiQps));
        p.put("drive.inbox", inbox.toString());
        p.put("drive.done", done.toString());
        p.put("drive.error", root.resolve("error").toString());
        p.put("drive.lead-ms", Integer.toString(LEAD_MS));
        p.put("drive.driven-clips", root.resolve("driven-clips.log").toString());
        p.put("drive.chunk-ms", Integer.toString(CHUNK_MS));
        p.put("drive.max-concurrent", Integer.toString(drives + 16));
        // the queue interrupt storm needs a clip consumer per speaking task
        p.put("drive.queue-consumers", Integer.toString(Math.max(64, option("live-interrupts") + 16)));
        p.put("drive.poll-delay-ms", options.getOrDefault("poll-delay-ms", "100"));
        boolean text = options.get("scenarios").contains("text");
        boolean live = options.get("scenarios").contains("live") || text;
        boolean queue = options.get("scenarios").contains("queue") || live;
        if (options.get("scenarios").contains("voice")) {
            sami = new SamiStandIn("bench-appkey", "bench-token").start(AvailablePortFinder.getNextAvailable());
            p.put("sami.url", sami.url());
            p.put("sami.appkey", "bench-appkey");
            p.put("sami.token", "bench-token");
        }
        if (text) {
            volc = new VolcStandIn("bench-volc", "bench-volc-token").speechMsPerCharacter(50)
                    .start(AvailablePortFinder.getNextAvailable());
            p.put("volc.tta-url", volc.ttaUrl());
            p.put("volc.app-id", "bench-volc");
            p.put("volc.access-token", "bench-volc-token");
            p.put("volc.role", "bench-role");
        }
        List<String> routeFiles = new ArrayList<>(List.of("drive.yaml", "inbox.yaml"));
        boolean onKafka = options.get("scenarios").contains("kafka");
        if (onKafka) {
            kafka = KafkaBroker.start(root.resolve("kafka"));
            kafka.createTopics(8, "bench", "bench.results", "bench.DLQ");
            p.put("kafka.brokers", kafka.bootstrap());
            p.put("kafka.topic", "bench");
            p.put("kafka.results-topic", "bench.results");
            p.put("kafka.dead-letter-topic", "bench.DLQ");
            p.put("drive.spool", root.resolve("spool").toString());
            p.put("drive.driven-messages", root.resolve("driven.txt").toString());
            routeFiles.add("kafka.yaml");
        }
        if (queue) {
            p.put("broker.port", Integer.toString(AvailablePortFinder.getNextAvailable()));
            p.put("broker.data", root.resolve("broker").toString());
            p.put("drive.spool", root.resolve("spool").toString());
            p.put("drive.driven-messages", root.resolve("driven.txt").toString());
            routeFiles.add("queue.yaml");
        }
        if (live) {
            p.put("ingress.port", Integer.toString(AvailablePortFinder.getNextAvailable()));
            routeFiles.add("live.yaml");
        }
        context = new DefaultCamelContext();
        context.setStreamCaching(false);
        List<RoutesBuilder> builders = Pipelines.wire(context, p, routeFiles);
        if (queue) {
            Pipelines.configure(context, new IngressConfiguration());
            Pipelines.configure(context, new QueueConfiguration());
            brokerSettings = context.getRegistry().findSingleByType(BrokerSettings.class);
        }
        if (onKafka) {
            if (!queue) {
                Pipelines.configure(context, new IngressConfiguration());
            }
            Pipelines.configure(context, new KafkaConfiguration());
        }
        if (live) {
            Pipelines.configure(context, new LiveConfiguration());
            liveSettings = context.getRegistry().findSingleByType(LiveSettings.class);
        }
        for (RoutesBuilder builder : builders) {
            context.addRoutes(builder);
            // templatedRoute (routes/drive.yaml) is added by this second call, as camel-main does
            builder.addTemplatedRoutesToCamelContext(context);
        }
        context.start();
        warmUp();
        figures.put("java", System.getProperty("java.version"));
        figures.put("cores", Runtime.getRuntime().availableProcessors());
        try {
            for (String scenario : options.get("scenarios").split(",")) {
                switch (scenario) {
                    case "concurrent" -> concurrent(drives, option("seconds"));
                    case "long" -> longClip(option("long-seconds"));
                    case "latency" -> latency(option("trickle"));
                    case "burst" -> burst(option("burst"));
                    case "naive" -> naiveComparison();
                    case "queue" -> queueBurst(option("queue-clips"));
                    case "voice" -> voice(option("voice-clips"), option("voice-seconds"));
                    case "live" -> live(option("live-conversations"), option("live-seconds"), option("live-interrupts"));
                    case "text" -> text(option("text-conversations"));
                    case "idle" -> idle(option("idle-folders"));
                    case "cold" -> cold();
                    case "spread" -> spread(Integer.parseInt(options.getOrDefault("spread-tasks", "8")));
                    case "kafka" -> kafkaScenario(Integer.parseInt(options.getOrDefault("kafka-clips", "1000")),
                            Integer.parseInt(options.getOrDefault("kafka-conversations", "100")));
                    default -> throw new IllegalArgumentException("unknown scenario " + scenario);
                }
            }
        } finally {
            context.stop();
            standIn.close();
            if (volc != null) {
                volc.close();
            }
            if (sami != null) {
                sami.close();
            }
        }
        print();
    }

    /** A few drives before measuring, so that class loading and the JIT do not count as pipeline latency. */
    private void warmUp() throws Exception {
        Path staging = Files.createDirectories(root.resolve("warmup-staging"));
        for (int i = 0; i < 5; i++) {
            Path file = Files.write(staging.resolve("w.wav"), TestClips.wav16(16000, TestClips.pcm16(16000, 0.3)));
            String task = "warmup-" + i;
            dropAll(List.of(file), n -> task);
            awaitReportsUnder(task, 1, Duration.ofSeconds(30));
        }
        standIn.clearLateness();
    }

    /** N drives at once, one per TaskId, 16 and 24 kHz alternating. */
    private void concurrent(int n, int seconds) throws Exception {
        Path staging = Files.createDirectories(root.resolve("staging"));
        byte[] wav16 = TestClips.wav16(16000, TestClips.pcm16(16000, seconds));
        byte[] wav24 = TestClips.wav16(24000, TestClips.pcm16(24000, seconds));
        List<Path> staged = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path dir = Files.createDirectories(staging.resolve("c" + i));
            staged.add(Files.write(dir.resolve("clip.wav"), i % 2 == 0 ? wav16 : wav24));
        }
        standIn.clearLateness();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        threads.resetPeakThreadCount();
        Map<String, Long> dropped = dropAll(staged, i -> "c" + i);
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        List<long[]> cpuSamples = java.util.Collections.synchronizedList(new ArrayList<>());
        var sampler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> cpuSamples.add(new long[] {System.nanoTime(), processCpuNanos(), kernelTicks()}),
                0, 250, TimeUnit.MILLISECONDS);
        awaitReports(n, Duration.ofSeconds(seconds + 240L));
        sampler.shutdownNow();
        long wallNanos = System.nanoTime() - wall0;
        long cpuNanos = processCpuNanos() - cpu0;
        List<Heard> heard = heardFor(dropped.keySet());
        // steady state: from when the last drive got its first audio to when the first drive ended
        long allStreaming = heard.stream().mapToLong(Heard::firstAudioAt).max().orElse(0);
        long firstEnded = heard.stream().mapToLong(Heard::closedAt).filter(t -> t > 0).min().orElse(0);
        List<long[]> window = cpuSamples.stream().filter(c -> c[0] >= allStreaming && c[0] <= firstEnded).toList();
        double audioHours = heard.stream().mapToLong(d -> d.audioMs()).sum() / 3_600_000.0;
        double coreShare = (double) cpuNanos / wallNanos;
        double steadyP99 = round(standIn.latenessMs(0.99, allStreaming, firstEnded));
        double steadyMax = round(standIn.latenessMs(1.0, allStreaming, firstEnded));
        Map<String, Object> f = pacingFigures(heard);
        f.put("dropToFirstPcmP50Ms", percentile(firstPcmLatencies(heard, dropped), 0.5));
        f.put("dropToFirstPcmP99Ms", percentile(firstPcmLatencies(heard, dropped), 0.99));
        // where the start of a drive spends its time in a storm: the DriveId call, the socket, Start and the first chunk
        f.put("dropToDriveIdP50Ms", percentile(heard.stream().map(d -> (d.issuedAt() - dropped.get(d.taskId())) / 1e6).toList(), 0.5));
        f.put("driveIdToConnectedP50Ms", percentile(heard.stream().map(d -> (d.connectedAt() - d.issuedAt()) / 1e6).toList(), 0.5));
        f.put("connectedToFirstPcmP50Ms", percentile(heard.stream().map(d -> (d.firstAudioAt() - d.connectedAt()) / 1e6).toList(), 0.5));
        f.put("cpuSecondsPerAudioHour", round(cpuNanos / 1e9 / audioHours));
        f.put("cpuPercentOfCorePer100Drives", round(100 * coreShare / (n / 100.0)));
        if (window.size() >= 2) {
            long[] a = window.get(0);
            long[] b = window.get(window.size() - 1);
            f.put("steadyCpuPercentOfCorePer100Drives", round(100.0 * (b[1] - a[1]) / (b[0] - a[0]) / (n / 100.0)));
            f.put("steadyWindowSeconds", round((b[0] - a[0]) / 1e9));
            f.put("steadyLatenessP99Ms", steadyP99);
            f.put("steadyLatenessMaxMs", steadyMax);
            // the kernel's share: on loopback the sender's system calls also carry the receiving side's TCP work
            f.put("steadyKernelShare", round4((b[2] - a[2]) * 1e7 / (b[1] - a[1])));
        }
        f.put("peakThreads", threads.getPeakThreadCount());
        f.put("wallSeconds", round(wallNanos / 1e9));
        figures.put("concurrent", f);
        row("pipeline, " + n + " concurrent x " + seconds + " s, 16/24 kHz", f);
    }

    /** One long 16 kHz WAV, generated to a temp file: heap before, during and after, and drift over its length. */
    private void longClip(int seconds) throws Exception {
        Path staged = Files.createDirectories(root.resolve("long-staging")).resolve("long.wav");
        writeLongWav(staged, 16000, seconds);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedHeapAfterGc(memory);
        long peakDuring = before;
        Map<String, Long> dropped = dropAll(List.of(staged), i -> "long");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 120L);
        while (!Files.exists(done.resolve("long/long.wav.json")) && System.nanoTime() < deadline) {
            Thread.sleep(Math.min(10_000, seconds * 100L));
            peakDuring = Math.max(peakDuring, usedHeapAfterGc(memory));
        }
        long after = usedHeapAfterGc(memory);
        List<Heard> heard = heardFor(dropped.keySet());
        Map<String, Object> f = pacingFigures(heard);
        f.put("audioSeconds", seconds);
        f.put("heapBeforeMb", mb(before));
        f.put("heapPeakDuringMb", mb(peakDuring));
        f.put("heapAfterMb", mb(after));
        f.put("heapGrowthMb", mb(peakDuring - before));
        figures.put("long", f);
        row("pipeline, one " + seconds + " s WAV", f);
        Files.deleteIfExists(staged);
    }

    /** Single clips dropped into idle tasks one after another: the time from a file's appearance to its first PCM. */
    private void latency(int count) throws Exception {
        byte[] wav = TestClips.wav16(16000, TestClips.pcm16(16000, 0.3));
        Map<String, Long> dropped = new LinkedHashMap<>();
        Path staging = Files.createDirectories(root.resolve("latency-staging"));
        for (int i = 0; i < count; i++) {
            Path file = Files.write(staging.resolve("l.wav"), wav);
            String task = "lat-" + i;
            dropped.putAll(dropAll(List.of(file), n -> task));
            Thread.sleep(150);
        }
        for (String task : dropped.keySet()) {
            awaitReportsUnder(task, 1, Duration.ofSeconds(30));
        }
        List<Double> latencies = firstPcmLatencies(heardFor(dropped.keySet()), dropped);
        if (options.containsKey("verbose")) {
            for (Heard d : heardFor(dropped.keySet())) {
                long t = dropped.get(d.taskId());
                System.out.printf("%s issued +%.1f connected +%.1f first audio +%.1f ms%n", d.taskId(),
                        (d.issuedAt() - t) / 1e6, (d.connectedAt() - t) / 1e6, (d.firstAudioAt() - t) / 1e6);
            }
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("pollDelayMs", options.getOrDefault("poll-delay-ms", "100"));
        f.put("dropToFirstPcmP50Ms", percentile(latencies, 0.5));
        f.put("dropToFirstPcmP99Ms", percentile(latencies, 0.99));
        f.put("dropToFirstPcmMaxMs", percentile(latencies, 1.0));
        figures.put("latency", f);
        standIn.clearLateness();
        row("pipeline, " + count + " single drops, 150 ms apart", f);
    }

    /**
     * Live utterances from a TTS producing 100 ms pieces at 1.5x real time, over the queue, HTTP and WebSocket at once
     * (one task each), then interrupts of long HTTP utterances: see {@link LiveScenario}.
     */
    private void live(int conversations, int seconds, int interrupts) throws Exception {
        LiveScenario scenario = new LiveScenario(standIn, liveSettings.port(),
                new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerSettings.port()),
                brokerSettings.queue(), options.containsKey("verbose"));
        try {
            // cold: the first burst after the instance is ready; warm: the same again; then clients that open their
            // request only at their first piece; then twice the conversations
            for (String round : List.of("cold", "warm", "open-at-first-piece", "double")) {
                standIn.clearLateness();
                int count = round.equals("double") ? 2 * conversations : conversations;
                Map<String, Object> f = scenario.conversations(round, count, seconds, !round.equals("open-at-first-piece"));
                figures.put("live-" + round, f);
                row("live " + round + ": " + count + " conversations, 100 ms pieces at 1.5x", f);
            }
            // the first storm runs the cut and Stop paths for the first time in this JVM; the second is warm
            int spacing = Integer.parseInt(options.getOrDefault("live-interrupt-spacing-ms", "0"));
            for (String round : List.of("cold", "warm")) {
                Map<String, Object> i = scenario.interrupts(round, interrupts, spacing);
                figures.put("liveInterrupts-" + round, i);
                row("live " + round + ": " + interrupts + " interrupts over HTTP", i);
                Map<String, Object> q = scenario.queueInterrupts(round, interrupts);
                figures.put("liveQueueInterrupts-" + round, q);
                row("live " + round + ": " + interrupts + " interrupts over the queue", q);
            }
        } finally {
            scenario.close();
        }
    }

    /** Texts posted for the Volcengine avatar and interrupted: post to |CTL|02|, interrupt to |CTL|03|. */
    /** The application in a process of its own, idle, then with emptied task folders (see {@link IdleScenario}). */
    private void idle(int folders) throws Exception {
        Map<String, Object> f = new IdleScenario(root).run(folders);
        figures.put("idle", f);
        System.out.printf("idle: %.1f %% of a core; with %d emptied task folders %.1f %%, %.1f %% once pruned%n",
                f.get("idleCorePercent"), folders, f.get("foldersCorePercent"), f.get("afterPruneCorePercent"));
    }

    /** A just-started instance's first live utterance per ingress, and its second (see {@link ColdStartScenario}). */
    /** Two instances on one stock Artemis: how they share active tasks (see {@link SpreadScenario}). */
    private void spread(int tasks) throws Exception {
        Map<String, Object> f = new SpreadScenario(root).run(tasks);
        figures.put("spread", f);
        System.out.printf("spread of %d tasks over two instances: %s%n", tasks, f);
    }

    private void cold() throws Exception {
        Map<String, Object> f = new ColdStartScenario(root).run();
        figures.put("cold", f);
        f.forEach((ingress, figures) -> System.out.printf("cold start, %s: %s%n", ingress, figures));
    }

    private void text(int conversations) throws Exception {
        Map<String, Object> f = new TextScenario(volc, liveSettings.port()).interrupts(conversations);
        figures.put("text", f);
        row("text: " + conversations + " Volcengine texts interrupted over HTTP", f);
    }

    /**
     * Clips converted by the SAMI stand-in (at real time) on their way to the ZEGO avatar, one task each, dropped at
     * once: the time from the drop to the avatar's first PCM, and whether the drive kept up with the converter.
     */
    private void voice(int count, int seconds) throws Exception {
        Path staging = Files.createDirectories(root.resolve("voice-staging"));
        List<Path> staged = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path dir = Files.createDirectories(staging.resolve("voice-" + i));
            staged.add(Files.write(dir.resolve("clip.wav"), TestClips.wav16(16000, TestClips.pcm16(16000, seconds))));
            Path task = Files.createDirectories(inbox.resolve("voice-" + i));
            Files.writeString(task.resolve(".drive.properties"), "voice.speaker = zh_female_qingxin_stream\n");
        }
        standIn.clearLateness();
        int tasksBefore = sami.tasks().size();
        Map<String, Long> dropped = dropAll(staged, i -> "voice-" + i);
        for (String task : dropped.keySet()) {
            awaitReportsUnder(task, 1, Duration.ofSeconds(seconds + 60L));
        }
        List<Heard> heard = heardFor(dropped.keySet());
        List<SamiStandInTask> conversions = sami.tasks().subList(tasksBefore, sami.tasks().size());
        long startedBeforeConversionEnded = heard.stream().filter(d -> conversions.stream()
                .anyMatch(c -> d.firstAudioAt() < c.finishedAtNanos())).count();
        Map<String, Object> f = pacingFigures(heard);
        f.put("clips", count);
        f.put("audioSeconds", seconds);
        f.put("dropToFirstPcmP50Ms", percentile(firstPcmLatencies(heard, dropped), 0.5));
        f.put("dropToFirstPcmMaxMs", percentile(firstPcmLatencies(heard, dropped), 1.0));
        f.put("dropToFirstPcmP99Ms", percentile(firstPcmLatencies(heard, dropped), 0.99));
        f.put("drivesStartedBeforeConversionEnded", startedBeforeConversionEnded);
        figures.put("voice", f);
        row("SAMI -> ZEGO, " + count + " x " + seconds + " s converted", f);
    }

    /** M clips dropped at once for one TaskId: driven one after the other, in order, none overlapping. */
    private void burst(int count) throws Exception {
        Path staging = Files.createDirectories(root.resolve("burst-staging"));
        List<Path> staged = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            staged.add(Files.write(staging.resolve(String.format("b%03d.wav", i)),
                    TestClips.wav16(16000, TestClips.pcm16(16000, 1.0))));
        }
        long t0 = System.nanoTime();
        dropAll(staged, i -> "burst");
        awaitReportsUnder("burst", count, Duration.ofSeconds(count * 3L + 60));
        List<Heard> heard = heardFor(java.util.Set.of("burst")).stream()
                .sorted((a, b) -> Long.compare(a.connectedAt(), b.connectedAt())).toList();
        long overlaps = 0;
        for (int i = 1; i < heard.size(); i++) {
            if (heard.get(i).connectedAt() < heard.get(i - 1).closedAt()) {
                overlaps++;
            }
        }
        Map<String, Object> f = pacingFigures(heard);
        f.put("clips", count);
        f.put("overlaps", overlaps);
        f.put("wallSeconds", round((System.nanoTime() - t0) / 1e9));
        figures.put("burst", f);
        row("pipeline, burst of " + count + " x 1 s for one task", f);
    }

    /** The Kafka ingress: a burst of one-second clips on 8 partitions, then live utterances in pieces. */
    private void kafkaScenario(int clips, int conversations) throws Exception {
        KafkaScenario scenario = new KafkaScenario(kafka.bootstrap(), "bench", standIn::drives, this::pacingFigures);
        Map<String, Object> burst = scenario.burst(clips);
        figures.put("kafka", burst);
        row("kafka, " + clips + " x 1 s for " + clips + " tasks, 8 partitions", burst);
        for (String round : List.of("cold", "warm")) {
            Map<String, Object> live = scenario.live(conversations, 10, round);
            figures.put("kafkaLive-" + round, live);
            row("kafka live, " + conversations + " conversations (" + round + ")", live);
        }
    }

    /** N one-second clips for N TaskIds published at once: the wall time from publishing to the last Stop. */
    private void queueBurst(int count) throws Exception {
        byte[] wav = TestClips.wav16(16000, TestClips.pcm16(16000, 1.0));
        var factory = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(
                "tcp://127.0.0.1:" + brokerSettings.port());
        java.util.Set<String> tasks = new java.util.HashSet<>();
        long t0;
        try (jakarta.jms.Connection connection = factory.createConnection()) {
            jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.MessageProducer producer = session.createProducer(session.createQueue(brokerSettings.queue()));
            List<jakarta.jms.BytesMessage> messages = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                jakarta.jms.BytesMessage m = session.createBytesMessage();
                m.writeBytes(wav);
                m.setStringProperty("TaskId", "queue-" + i);
                tasks.add("queue-" + i);
                messages.add(m);
            }
            t0 = System.nanoTime();
            for (jakarta.jms.BytesMessage m : messages) {
                producer.send(m);
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (heardFor(tasks).stream().filter(Heard::completed).count() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long lastClose = heardFor(tasks).stream().mapToLong(Heard::closedAt).max().orElse(t0);
        Map<String, Object> f = pacingFigures(heardFor(tasks));
        f.put("clips", count);
        f.put("publishToLastStopSeconds", round((lastClose - t0) / 1e9));
        f.put("apiQps", options.getOrDefault("api-qps", "100000"));
        figures.put("queue", f);
        row("queue, " + count + " x 1 s for " + count + " tasks at once", f);
    }

    /** The vendor sample's pacing (4096 bytes, then sleep 100 ms) beside the pipeline, 10 s clips at 16 and 24 kHz. */
    private void naiveComparison() throws Exception {
        for (int rate : new int[] { 16000, 24000 }) {
            byte[] pcm = TestClips.pcm16(rate, 10);
            String naiveTask = "naive-" + rate;
            naiveSend(naiveTask, rate, pcm);
            Map<String, Object> naive = pacingFigures(heardFor(java.util.Set.of(naiveTask)));
            figures.put("naive" + rate, naive);
            row("vendor sample pacing, 10 s at " + rate + " Hz", naive);

            String task = "paced-" + rate;
            Path staged = Files.createDirectories(root.resolve("naive-staging")).resolve(task + ".wav");
            Files.write(staged, TestClips.wav16(rate, pcm));
            dropAll(List.of(staged), i -> task);
            awaitReportsUnder(task, 1, Duration.ofSeconds(40));
            Map<String, Object> paced = pacingFigures(heardFor(java.util.Set.of(task)));
            figures.put("pipeline" + rate, paced);
            row("pipeline pacing, 10 s at " + rate + " Hz", paced);
        }
    }

    private void naiveSend(String task, int rate, byte[] pcm) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ZegoSigner.SignedQuery q = new ZegoSigner().sign("DriveByWsStream", APP_ID, SECRET, Instant.now().getEpochSecond());
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(standIn.apiUrl() + "/?" + q.toQueryString()))
                .POST(HttpRequest.BodyPublishers.ofString("{\"TaskId\":\"" + task + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode data = JSON.readTree(answer.body()).get("Data");
        String driveId = data.get("DriveId").asText();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(data.get("WssAddress").asText()),
                new WebSocket.Listener() { }).join();
        ws.sendText(ZegoFrames.start(driveId, rate), true).join();
        for (int at = 0; at < pcm.length; at += 4096) {
            ws.sendBinary(ByteBuffer.wrap(pcm, at, Math.min(4096, pcm.length - at)), true).join();
            Thread.sleep(100);
        }
        ws.sendText(ZegoFrames.stop(driveId), true).join();
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (standIn.drives().stream().filter(d -> d.taskId().equals(task)).noneMatch(Heard::completed)
               && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private Map<String, Object> pacingFigures(List<Heard> heard) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("drives", heard.size());
        f.put("completed", heard.stream().filter(Heard::completed).count());
        f.put("underruns", heard.stream().mapToLong(d -> d.underruns()).sum());
        f.put("stallMs", heard.stream().mapToLong(d -> d.stallMs()).sum());
        f.put("maxLeadMs", heard.stream().mapToLong(d -> d.maxLeadMs()).max().orElse(0));
        List<Double> ratios = heard.stream().map(d -> d.wallOverAudio()).filter(r -> !r.isNaN()).toList();
        f.put("wallOverAudioMin", round4(ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN)));
        f.put("wallOverAudioMax", round4(ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)));
        f.put("latenessP50Ms", round(standIn.latenessMs(0.5)));
        f.put("latenessP99Ms", round(standIn.latenessMs(0.99)));
        f.put("latenessMaxMs", round(standIn.latenessMs(1.0)));
        f.put("violations", heard.stream().mapToLong(d -> d.violations()).sum());
        standIn.clearLateness();
        return f;
    }

    /** Renames staged files into the inbox at once (as careful writers do) and notes when each appeared. */
    private Map<String, Long> dropAll(List<Path> staged, java.util.function.IntFunction<String> taskOf) throws IOException {
        Map<String, Long> dropped = new LinkedHashMap<>();
        for (int i = 0; i < staged.size(); i++) {
            String task = taskOf.apply(i);
            Path target = Files.createDirectories(inbox.resolve(task)).resolve(staged.get(i).getFileName());
            Files.move(staged.get(i), target);
            dropped.putIfAbsent(task, System.nanoTime());
        }
        return dropped;
    }

    private List<Heard> heardFor(java.util.Set<String> tasks) {
        return standIn.drives().stream().filter(d -> tasks.contains(d.taskId())).collect(Collectors.toList());
    }

    private static List<Double> firstPcmLatencies(List<Heard> heard, Map<String, Long> dropped) {
        return heard.stream().filter(d -> d.firstAudioAt() > 0)
                .map(d -> (d.firstAudioAt() - dropped.get(d.taskId())) / 1e6).collect(Collectors.toList());
    }

    private void awaitReports(int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        // walking a thousand report folders costs this JVM, and so the figures, CPU: look seldom
        while (countReports() < count && System.nanoTime() < deadline) {
            Thread.sleep(2000);
        }
    }

    private void awaitReportsUnder(String task, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path dir = done.resolve(task);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    if (files.filter(f -> f.toString().endsWith(".json")).count() >= count) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
    }

    private long countReports() throws IOException {
        if (!Files.isDirectory(done)) {
            return 0;
        }
        try (var files = Files.walk(done)) {
            return files.filter(f -> f.toString().endsWith(".json")).count();
        }
    }

    private static void writeLongWav(Path file, int rate, int seconds) throws IOException {
        long dataBytes = (long) rate * 2 * seconds;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            header.put("RIFF".getBytes()).putInt((int) (36 + dataBytes)).put("WAVE".getBytes())
                    .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate)
                    .putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                    .put("data".getBytes()).putInt((int) dataBytes);
            out.write(header.array());
            byte[] second = TestClips.pcm16(rate, 1.0);
            for (int s = 0; s < seconds; s++) {
                out.write(second);
            }
        }
    }

    /** System CPU of this process in clock ticks (1/100 s), from /proc; 0 where there is none. */
    private static long kernelTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[12]);
        } catch (Exception e) {
            return 0;
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    static double percentile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return round(sorted.get((int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(q * sorted.size()) - 1))));
    }

    private static double mb(long bytes) {
        return round(bytes / 1048576.0);
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round4(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private void row(String name, Map<String, Object> f) {
        table.add(new String[] { name, String.valueOf(f.getOrDefault("underruns", "")), String.valueOf(f.getOrDefault("stallMs", "")),
            String.valueOf(f.getOrDefault("maxLeadMs", "")), String.valueOf(f.getOrDefault("latenessP50Ms", "")),
            String.valueOf(f.getOrDefault("latenessP99Ms", "")), String.valueOf(f.getOrDefault("latenessMaxMs", "")),
            String.valueOf(f.getOrDefault("wallOverAudioMax", "")), String.valueOf(f.getOrDefault("dropToFirstPcmP50Ms", "")),
            String.valueOf(f.getOrDefault("dropToFirstPcmP99Ms", "")) });
    }

    private void print() throws IOException {
        String format = "| %-48s | %9s | %8s | %8s | %8s | %8s | %8s | %10s | %9s | %9s |%n";
        System.out.printf(format, "scenario", "underruns", "stall ms", "max lead", "late p50", "late p99", "late max",
                "wall/audio", "first p50", "first p99");
        System.out.printf(format, "---", "---", "---", "---", "---", "---", "---", "---", "---", "---");
        for (String[] r : table) {
            System.out.printf(format, (Object[]) r);
        }
        System.out.println("BENCHMARK " + JSON.writeValueAsString(figures));
    }
}
