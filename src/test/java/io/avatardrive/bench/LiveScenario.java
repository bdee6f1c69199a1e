package io.avatardrive.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.avatardrive.support.ChunkedPost;
import io.avatardrive.support.TestClips;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The live scenario: conversations whose TTS produces each utterance in 100 ms pieces at 1.5x real time, over the
 * queue, HTTP and WebSocket at once; then interrupts of long utterances. Every figure is measured at the stand-in's
 * end against the producer's clock (one machine, one monotonic clock).
 */
final class LiveScenario {

    static final int PIECE_MS = 100;
    static final double PRODUCER_SPEED = 1.5;

    /** One producer's way in: sends a piece, ends the utterance. */
    private interface Sender {
        void piece(byte[] pcm, int seq) throws Exception;

        void end(int seq) throws Exception;
    }

    private final BenchStandIn standIn;
    private final int port;
    private final ActiveMQConnectionFactory broker;
    private final String queue;
    private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(8);
    private final boolean verbose;
    /** One client for every conversation's socket, as one TTS backend process would have. */
    private final HttpClient sockets = HttpClient.newHttpClient();

    LiveScenario(BenchStandIn standIn, int port, ActiveMQConnectionFactory broker, String queue, boolean verbose) {
        this.verbose = verbose;
        this.standIn = standIn;
        this.port = port;
        this.broker = broker;
        this.queue = queue;
    }

    /**
     * {@code conversations} utterances of {@code seconds}, spread over the three ingresses, one task each, starting
     * within a second of each other. With {@code openFirst} every connection is made before any TTS starts; otherwise
     * each client opens its request (HTTP POST, WebSocket, JMS session) only once its first piece is ready, as a TTS
     * client usually does, and that opening counts towards its first PCM.
     */
    Map<String, Object> conversations(String round, int conversations, int seconds, boolean openFirst) throws Exception {
        byte[] pcm = TestClips.pcm16(16000, seconds);
        int pieceBytes = 16000 * 2 * PIECE_MS / 1000;
        int pieces = pcm.length / pieceBytes;
        Map<String, Long> firstPieceSent = new ConcurrentHashMap<>();
        Map<String, String> transportOf = new LinkedHashMap<>();
        CountDownLatch done = new CountDownLatch(conversations);
        try (Connection jms = broker.createConnection()) {
            List<Supplier<Sender>> senders = new ArrayList<>();
            List<String> tasks = new ArrayList<>();
            for (int i = 0; i < conversations; i++) {
                String transport = switch (i % 3) {
                    case 0 -> "queue";
                    case 1 -> "http";
                    default -> "websocket";
                };
                String task = "live-" + round + "-" + transport + "-" + i;
                String utterance = "utt-" + round + "-" + i;
                transportOf.put(task, transport);
                tasks.add(task);
                Supplier<Sender> open = () -> {
                    try {
                        return switch (transport) {
                            case "queue" -> queueSender(jms, task, utterance);
                            case "http" -> httpSender(task, "");
                            default -> socketSender(task, "");
                        };
                    } catch (Exception e) {
                        throw new IllegalStateException(task + ": " + e, e);
                    }
                };
                if (openFirst) {
                    Sender opened = open.get();
                    senders.add(() -> opened);
                } else {
                    senders.add(new Supplier<>() {
                        private Sender opened;

                        @Override
                        public synchronized Sender get() {
                            if (opened == null) {
                                opened = open.get();
                            }
                            return opened;
                        }
                    });
                }
            }
            long period = Math.round(PIECE_MS * 1_000_000 / PRODUCER_SPEED);
            long begin = System.nanoTime();
            for (int i = 0; i < conversations; i++) {
                String task = tasks.get(i);
                Supplier<Sender> sender = senders.get(i);
                long start = begin + TimeUnit.MILLISECONDS.toNanos(10L * i % 1000);
                for (int seq = 0; seq <= pieces; seq++) {
                    int s = seq;
                    clock.schedule(() -> {
                        try {
                            if (s == pieces) {
                                sender.get().end(s);
                                done.countDown();
                                return;
                            }
                            if (s == 0) {
                                firstPieceSent.put(task, System.nanoTime());
                            }
                            sender.get().piece(Arrays.copyOfRange(pcm, s * pieceBytes, (s + 1) * pieceBytes), s);
                        } catch (Exception e) {
                            System.err.println(task + ": " + e);
                        }
                    }, start - System.nanoTime() + s * period, TimeUnit.NANOSECONDS);
                }
            }
            done.await(seconds * 4L + 60, TimeUnit.SECONDS);
            awaitCompleted(transportOf.keySet(), 60);
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("conversations", conversations);
        f.put("opened", openFirst ? "first" : "at first piece");
        f.put("utteranceSeconds", seconds);
        List<Heard> heard = standIn.drives().stream().filter(d -> transportOf.containsKey(d.taskId())).toList();
        f.put("drives", heard.size());
        f.put("underruns", heard.stream().mapToLong(Heard::underruns).sum());
        f.put("violations", heard.stream().mapToLong(Heard::violations).sum());
        for (String transport : List.of("queue", "http", "websocket")) {
            List<Double> latencies = heard.stream().filter(d -> transport.equals(transportOf.get(d.taskId()))
                                                                && d.firstAudioAt() > 0)
                    .map(d -> (d.firstAudioAt() - firstPieceSent.get(d.taskId())) / 1e6).collect(Collectors.toList());
            f.put(transport + "FirstPcmP50Ms", DriveBenchmark.round(DriveBenchmark.percentile(latencies, 0.5)));
            f.put(transport + "FirstPcmP99Ms", DriveBenchmark.round(DriveBenchmark.percentile(latencies, 0.99)));
            f.put(transport + "Underruns", heard.stream().filter(d -> transport.equals(transportOf.get(d.taskId())))
                    .mapToLong(Heard::underruns).sum());
            if (verbose) {
                heard.stream().filter(d -> transport.equals(transportOf.get(d.taskId()))).forEach(d -> {
                    long t = firstPieceSent.get(d.taskId());
                    System.out.printf("%s issued %+.1f connected %+.1f first audio %+.1f ms%n", d.taskId(),
                            (d.issuedAt() - t) / 1e6, (d.connectedAt() - t) / 1e6, (d.firstAudioAt() - t) / 1e6);
                });
            }
        }
        return f;
    }

    /**
     * {@code count} tasks each speaking a long utterance over HTTP; once each is heard, an interrupting utterance over
     * HTTP, {@code spacingMs} apart: how long until the cut drive's Stop and the interrupting drive's first PCM.
     */
    Map<String, Object> interrupts(String round, int count, int spacingMs) throws Exception {
        byte[] longPcm = TestClips.pcm16(16000, 20);
        byte[] reply = TestClips.pcm16(16000, 0.5);
        List<ChunkedPost> speaking = new ArrayList<>();
        Set<String> tasks = new java.util.LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            String task = "barge-" + round + "-" + i;
            tasks.add(task);
            ChunkedPost post = new ChunkedPost(port, "/tasks/" + task + "/speak", "audio/pcm;rate=16000");
            speaking.add(post);
            // the ingress takes a body far ahead of real time only as fast as it is spoken: each is written by a
            // thread of its own, so that no producer waits for another
            new Thread(() -> {
                try {
                    post.chunk(longPcm, 0, longPcm.length);
                } catch (Exception e) {
                    // cut by the interrupt: the server stops reading
                }
            }, "producer-" + task).start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (standIn.drives().stream().filter(d -> tasks.contains(d.taskId()) && d.firstAudioAt() > 0).count() < count
               && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Map<String, Long> interruptSent = new LinkedHashMap<>();
        List<ChunkedPost> interrupting = new ArrayList<>();
        for (String task : tasks) {
            // users barge in one after another, not all within the same millisecond
            Thread.sleep(spacingMs);
            ChunkedPost post = new ChunkedPost(port, "/tasks/" + task + "/speak?interrupt=true&name=reply",
                    "audio/pcm;rate=16000");
            interruptSent.put(task, System.nanoTime());

            post.chunk(reply, 0, reply.length);
            post.finishBody();
            interrupting.add(post);
        }
        // each interrupting utterance answers after its own drive, which followed the cut one's Stop
        for (ChunkedPost post : interrupting) {
            post.answer();
            post.close();
        }
        for (ChunkedPost post : speaking) {
            post.close();
        }
        awaitCompleted(tasks, 30);
        return interruptFigures(tasks, interruptSent, spacingMs);
    }

    /**
     * {@code count} tasks each speaking a long whole clip from the queue (so that each task's clip consumer is busy);
     * once each is heard, an {@code Interrupt=true} clip per task, all published at once: how long until the cut
     * drive's Stop and the interrupting clip's first PCM.
     */
    Map<String, Object> queueInterrupts(String round, int count) throws Exception {
        byte[] longPcm = TestClips.pcm16(16000, 20);
        byte[] reply = TestClips.pcm16(16000, 0.5);
        Set<String> tasks = new java.util.LinkedHashSet<>();
        Map<String, Long> interruptSent = new LinkedHashMap<>();
        try (Connection jms = broker.createConnection()) {
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            for (int i = 0; i < count; i++) {
                String task = "queue-barge-" + round + "-" + i;
                tasks.add(task);
                producer.send(clip(session, longPcm, task, "long", false));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (standIn.drives().stream().filter(d -> tasks.contains(d.taskId()) && d.firstAudioAt() > 0).count() < count
                   && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<BytesMessage> interrupts = new ArrayList<>();
            for (String task : tasks) {
                interrupts.add(clip(session, reply, task, "reply", true));
            }
            for (int i = 0; i < count; i++) {
                interruptSent.put("queue-barge-" + round + "-" + i, System.nanoTime());
                producer.send(interrupts.get(i));
            }
        }
        // both drives of each task: the cut one and the interrupting one, which starts once the cut one's Stop freed
        // the task's consumer
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && standIn.drives().stream().filter(d -> tasks.contains(d.taskId())
                && d.completed()).count() < 2L * count) {
            Thread.sleep(100);
        }
        return interruptFigures(tasks, interruptSent, 0);
    }

    private static BytesMessage clip(Session session, byte[] pcm, String task, String name, boolean interrupt)
            throws Exception {
        BytesMessage m = session.createBytesMessage();
        m.writeBytes(pcm);
        m.setStringProperty("TaskId", task);
        m.setIntProperty("SampleRate", 16000);
        m.setStringProperty("ClipName", name + ".pcm");
        if (interrupt) {
            m.setBooleanProperty("Interrupt", true);
        }
        return m;
    }

    /** Per task, the first drive (cut) and the second (the interrupting one), against when the interrupt was sent. */
    private Map<String, Object> interruptFigures(Set<String> tasks, Map<String, Long> interruptSent, int spacingMs) {
        List<Double> toStop = new ArrayList<>();
        List<Double> toFirstPcm = new ArrayList<>();
        Map<String, List<Heard>> byTask = standIn.drives().stream().filter(d -> tasks.contains(d.taskId()))
                .collect(Collectors.groupingBy(Heard::taskId));
        for (Map.Entry<String, List<Heard>> e : byTask.entrySet()) {
            List<Heard> drives = e.getValue().stream().sorted((a, b) -> Long.compare(a.issuedAt(), b.issuedAt())).toList();
            long sent = interruptSent.get(e.getKey());
            if (drives.size() == 2) {
                toStop.add((drives.get(0).stoppedAt() - sent) / 1e6);
                toFirstPcm.add((drives.get(1).firstAudioAt() - sent) / 1e6);
            }
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("interrupts", tasks.size());
        f.put("tasksByDrives", byTask.values().stream().collect(Collectors.groupingBy(List::size, Collectors.counting())));
        f.put("spacingMs", spacingMs);
        f.put("measured", toStop.size());
        f.put("interruptToStopP50Ms", DriveBenchmark.round(DriveBenchmark.percentile(toStop, 0.5)));
        f.put("interruptToStopP99Ms", DriveBenchmark.round(DriveBenchmark.percentile(toStop, 0.99)));
        f.put("interruptToNextFirstPcmP50Ms", DriveBenchmark.round(DriveBenchmark.percentile(toFirstPcm, 0.5)));
        f.put("interruptToNextFirstPcmP99Ms", DriveBenchmark.round(DriveBenchmark.percentile(toFirstPcm, 0.99)));
        f.put("violations", byTask.values().stream().flatMap(List::stream).mapToLong(Heard::violations).sum());
        return f;
    }

    private void awaitCompleted(Set<String> tasks, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Supplier<Boolean> all = () -> standIn.drives().stream().filter(d -> tasks.contains(d.taskId()))
                .allMatch(Heard::completed);
        while (!all.get() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private Sender queueSender(Connection jms, String task, String utterance) throws Exception {
        Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue(queue));
        // a stale piece is worth nothing after a crash: a TTS publishes them without waiting for the journal
        producer.setDeliveryMode(jakarta.jms.DeliveryMode.NON_PERSISTENT);
        return new Sender() {
            @Override
            public synchronized void piece(byte[] pcm, int seq) throws Exception {
                send(pcm, seq, false);
            }

            @Override
            public synchronized void end(int seq) throws Exception {
                send(new byte[0], seq, true);
            }

            private void send(byte[] pcm, int seq, boolean last) throws Exception {
                BytesMessage m = session.createBytesMessage();
                m.writeBytes(pcm);
                m.setStringProperty("UtteranceId", utterance);
                m.setIntProperty("Seq", seq);
                m.setBooleanProperty("Last", last);
                m.setStringProperty("TaskId", task);
                m.setIntProperty("SampleRate", 16000);
                producer.send(m);
            }
        };
    }

    private Sender httpSender(String task, String query) throws Exception {
        ChunkedPost post = new ChunkedPost(port, "/tasks/" + task + "/speak" + query, "audio/pcm;rate=16000");
        return new Sender() {
            @Override
            public synchronized void piece(byte[] pcm, int seq) throws Exception {
                post.chunk(pcm, 0, pcm.length);
            }

            @Override
            public synchronized void end(int seq) throws Exception {
                post.finishBody();
                clock.execute(() -> {
                    try {
                        post.answer();
                        post.close();
                    } catch (Exception e) {
                        System.err.println(task + ": " + e);
                    }
                });
            }
        };
    }

    private Sender socketSender(String task, String query) {
        WebSocket socket = sockets.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/tasks/" + task + "/speak?rate=16000" + query),
                        new WebSocket.Listener() { })
                .join();
        return new Sender() {
            @Override
            public synchronized void piece(byte[] pcm, int seq) {
                socket.sendBinary(ByteBuffer.wrap(pcm), true).join();
            }

            @Override
            public synchronized void end(int seq) {
                socket.sendText("{\"action\":\"end\"}", true).join();
            }
        };
    }

    void close() {
        clock.shutdownNow();
    }
}
