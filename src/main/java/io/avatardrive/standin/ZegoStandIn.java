package io.avatardrive.standin;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avatardrive.zego.ZegoReturnCodes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PfxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local digital human that speaks ZEGO's side of the drive: DriveByWsStream with signature, timestamp and 10 QPS checks,
 * and the WebSocket that checks Start / audio / Stop order and plays the audio back in real time against a 300 ms buffer,
 * counting underruns. The main job uses it when no credentials are set; the tests use it as the vendor.
 */
public final class ZegoStandIn implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZegoStandIn.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TASK_ID = Pattern.compile("[0-9A-Za-z_-]{1,128}");

    private final String appId;
    private final int qps;
    private final long playbackBufferMs;
    private volatile long scheduleLeadMs;
    private final LatenessLog lateness = new LatenessLog();
    private final Set<String> knownTasks = ConcurrentHashMap.newKeySet();
    private final Set<String> hungTasks = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger hungCalls = new java.util.concurrent.atomic.AtomicInteger();
    private final List<StandInDrive> drives = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final RateWindow rate;
    private final SignedCall signed;
    private final Map<Long, Integer> answers = new ConcurrentHashMap<>();
    private final Deque<Long> injectedCodes = new ArrayDeque<>();
    private final DriveSockets sockets = new DriveSockets(violations);
    private int receiveBufferBytes = -1;
    private PfxOptions apiTls;
    private PfxOptions socketTls;
    private HttpServer socketServer;
    private int socketPort;
    private final Vertx vertx = Vertx.vertx();
    private HttpServer server;
    private int port;

    public ZegoStandIn(String appId, String serverSecret) {
        this(appId, serverSecret, 10, 300);
    }

    public ZegoStandIn(String appId, String serverSecret, int qps, long playbackBufferMs) {
        this.appId = appId;
        this.qps = qps;
        this.playbackBufferMs = playbackBufferMs;
        this.rate = new RateWindow(qps);
        this.signed = new SignedCall(appId, serverSecret);
    }

    /** Fault injection: the next {@code times} well-signed calls are answered with {@code code}. */
    public ZegoStandIn failNextCalls(long code, int times) {
        synchronized (injectedCodes) {
            for (int i = 0; i < times; i++) {
                injectedCodes.add(code);
            }
        }
        return this;
    }

    /** Fault injection: DriveByWsStream calls for these tasks are never answered, as a hung vendor leaves them. */
    public ZegoStandIn hangTasks(String... taskIds) {
        hungTasks.clear();
        hungTasks.addAll(List.of(taskIds));
        return this;
    }

    /** How many calls were left unanswered by {@link #hangTasks}. */
    public int hungCalls() {
        return hungCalls.get();
    }

    /** Measures each chunk's lateness against a real-time schedule with this lead (for benchmarks). */
    public ZegoStandIn scheduleLead(long leadMs) {
        this.scheduleLeadMs = leadMs;
        return this;
    }

    /** Every chunk's lateness so far, in nanoseconds. */
    public LatenessLog lateness() {
        return lateness;
    }

    /** Fault injection: the next {@code drives} sockets are closed by the avatar side after this many bytes of audio. */
    public ZegoStandIn dropNextDrivesAfterBytes(long bytes, int drives) {
        sockets.dropNextAfterBytes(bytes, drives);
        return this;
    }

    /** Fault injection: the next {@code drives} sockets stop reading after their first audio, so the sender stalls. */
    public ZegoStandIn stallNextDrives(int drives) {
        sockets.stallNext(drives);
        return this;
    }

    /** Serves DriveByWsStream over HTTPS with this PKCS#12 key (a self-signed one makes certificate checks fail). */
    public ZegoStandIn secureApi(java.nio.file.Path pkcs12, String password) {
        apiTls = new PfxOptions().setPath(pkcs12.toString()).setPassword(password);
        return this;
    }

    /** Serves the drive sockets as wss:// on a port of their own, with this PKCS#12 key; set before {@link #start}. */
    public ZegoStandIn secureSockets(java.nio.file.Path pkcs12, String password) {
        socketTls = new PfxOptions().setPath(pkcs12.toString()).setPassword(password);
        return this;
    }

    /** A small socket receive buffer makes a stalled reader show at the sender quickly; set before {@link #start}. */
    public ZegoStandIn receiveBufferBytes(int bytes) {
        receiveBufferBytes = bytes;
        return this;
    }

    /** Fault injection: the next {@code times} WebSocket connections are refused (HTTP 503 on the upgrade). */
    public ZegoStandIn refuseNextConnections(int times) {
        sockets.refuseNext(times);
        return this;
    }

    /** Only these tasks exist; with none registered, every well-formed TaskId exists. */
    public ZegoStandIn knownTasks(String... taskIds) {
        knownTasks.addAll(List.of(taskIds));
        return this;
    }

    public ZegoStandIn start(int wantedPort) {
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(wantedPort)
                .setMaxWebSocketMessageSize(1 << 20).setMaxWebSocketFrameSize(1 << 20);
        if (receiveBufferBytes > 0) {
            options.setReceiveBufferSize(receiveBufferBytes);
        }
        if (apiTls != null) {
            options.setSsl(true).setKeyCertOptions(apiTls);
        }
        server = vertx.createHttpServer(options);
        server.webSocketHandler(sockets::onSocket).requestHandler(this::onApi);
        port = server.listen().toCompletionStage().toCompletableFuture().join().actualPort();
        socketPort = port;
        if (socketTls != null) {
            socketServer = vertx.createHttpServer(new HttpServerOptions(options).setPort(0).setSsl(true)
                    .setKeyCertOptions(socketTls));
            socketServer.webSocketHandler(sockets::onSocket);
            socketPort = socketServer.listen().toCompletionStage().toCompletableFuture().join().actualPort();
        }
        LOG.info("ZEGO stand-in listening on {} (AppId {}, {} QPS)", apiUrl(), appId, qps);
        return this;
    }

    public String apiUrl() {
        return (apiTls != null ? "https" : "http") + "://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public List<StandInDrive> drives() {
        return List.copyOf(drives);
    }

    public List<StandInDrive> completedDrives() {
        return drives.stream().filter(StandInDrive::completed).toList();
    }

    /** Breaches that belong to no single drive: overlapping drives of one task, calls over the rate limit. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** How many API answers carried each return code. */
    public Map<Long, Integer> answers() {
        return Map.copyOf(answers);
    }

    public int openConnections() {
        return sockets.open();
    }

    /** Waits until {@code count} drives have completed (Stop received and socket closed). */
    public boolean awaitCompleted(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (completedDrives().size() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Waits until no API call was made for a full rate window, so that a new client starts with the whole quota. */
    public void awaitQuietRateWindow() throws InterruptedException {
        rate.awaitQuiet();
    }

    private void onApi(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            if (!hungTasks.isEmpty() && hungTasks.contains(taskIdOf(body))) {
                hungCalls.incrementAndGet();
                return;
            }
            long code;
            ObjectNode data = null;
            try {
                code = check(request, body);
                if (code == ZegoReturnCodes.OK) {
                    data = issue(taskIdOf(body));
                }
            } catch (Exception e) {
                code = 400000001L;
            }
            answers.merge(code, 1, Integer::sum);
            ObjectNode answer = JSON.createObjectNode().put("Code", code)
                    .put("Message", code == ZegoReturnCodes.OK ? "success" : ZegoReturnCodes.explain(code))
                    .put("RequestId", UUID.randomUUID().toString());
            if (data != null) {
                answer.set("Data", data);
            }
            request.response().putHeader("Content-Type", "application/json").end(answer.toString());
        });
    }

    private static String taskIdOf(Buffer body) {
        try {
            return JSON.readTree(body.getBytes()).path("TaskId").asText("");
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private long check(HttpServerRequest request, Buffer body) throws Exception {
        if (!"POST".equals(request.method().name()) || !"DriveByWsStream".equals(request.getParam("Action"))) {
            return 100000007L;
        }
        if (rate.overLimit()) {
            violations.add("more than " + qps + " API calls in one second: " + rate.recentText());
            return ZegoReturnCodes.QPS_LIMIT;
        }
        long signature = signed.check(request);
        if (signature != ZegoReturnCodes.OK) {
            return signature;
        }
        synchronized (injectedCodes) {
            if (!injectedCodes.isEmpty()) {
                return injectedCodes.poll();
            }
        }
        String taskId = taskIdOf(body);
        if (!TASK_ID.matcher(taskId).matches()) {
            return 400000001L;
        }
        if (!knownTasks.isEmpty() && !knownTasks.contains(taskId)) {
            return ZegoReturnCodes.TASK_NOT_FOUND;
        }
        return ZegoReturnCodes.OK;
    }

    private ObjectNode issue(String taskId) {
        String token = UUID.randomUUID().toString().replace("-", "");
        StandInDrive drive = new StandInDrive(UUID.randomUUID().toString(), taskId,
                new PlaybackMeter(playbackBufferMs, scheduleLeadMs), lateness);
        sockets.expect(token, drive);
        drives.add(drive);
        return JSON.createObjectNode().put("DriveId", drive.driveId())
                .put("WssAddress", (socketTls != null ? "wss" : "ws") + "://127.0.0.1:" + socketPort + "/ws?Token=" + token);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().join();
        }
        if (socketServer != null) {
            socketServer.close().toCompletionStage().toCompletableFuture().join();
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
