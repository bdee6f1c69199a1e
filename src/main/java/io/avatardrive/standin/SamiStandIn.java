package io.avatardrive.standin;

import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avatardrive.sami.SamiCodes;
import io.avatardrive.sami.SamiFrames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local SAMI VoiceConversionStream: it checks the StartTask (credentials, namespace, a known speaker, s16le mono
 * audio, 24 kHz out), answers TaskStarted, "converts" each input frame at once by resampling it to 24 kHz, and answers
 * FinishTask with TaskFinished. Status codes are SAMI's, 40000022 for an unknown speaker among them.
 */
public final class SamiStandIn extends WebSocketStandIn {

    public static final String PATH = "/api/v1/ws";
    /** SAMI's published streaming voices. */
    public static final List<String> SPEAKERS = List.of("zh_female_qingxin_stream", "zh_female_tianmei_stream",
            "zh_male_chunhou_stream", "zh_male_commentate_stream", "zh_male_huoli_stream", "zh_male_xiaohai_stream",
            "zh_female_sichuan_stream", "zh_male_rap_stream", "zh_female_xiaoqian_stream", "zh_male_xiaojian_stream");

    private static final Logger LOG = LoggerFactory.getLogger(SamiStandIn.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String appKey;
    private final String token;
    private final List<SamiStandInTask> tasks = new CopyOnWriteArrayList<>();
    private final Deque<Long> injected = new ArrayDeque<>();
    private volatile boolean base64Text;
    private volatile long failAfterInputBytes = -1;

    public SamiStandIn(String appKey, String token) {
        this.appKey = appKey;
        this.token = token;
    }

    /** Answers converted audio as base64 {@code data} in text frames instead of binary frames, as SAMI may. */
    public SamiStandIn answerInText(boolean text) {
        base64Text = text;
        return this;
    }

    /** Fault injection: the next {@code times} StartTasks are answered TaskFailed with this status code. */
    public SamiStandIn failNextTasks(long code, int times) {
        synchronized (injected) {
            for (int i = 0; i < times; i++) {
                injected.add(code);
            }
        }
        return this;
    }

    /** Fault injection: every task fails with a server error (55000000) after this much input. */
    public SamiStandIn failAfterInputBytes(long bytes) {
        failAfterInputBytes = bytes;
        return this;
    }

    public SamiStandIn start(int wantedPort) {
        listen(wantedPort);
        LOG.info("SAMI stand-in listening on {}", url());
        return this;
    }

    public String url() {
        return "ws://127.0.0.1:" + port() + PATH;
    }

    public List<SamiStandInTask> tasks() {
        return List.copyOf(tasks);
    }

    /** Waits until {@code count} tasks have ended (finished or failed). */
    public boolean awaitEnded(int count, long timeoutMs) throws InterruptedException {
        return await(() -> tasks.stream().filter(SamiStandInTask::ended).count(), count, timeoutMs);
    }

    @Override
    protected void onSocket(ServerWebSocket ws) {
        if (!PATH.equals(ws.path())) {
            ws.reject(404);
            return;
        }
        SamiStandInTask task = new SamiStandInTask(UUID.randomUUID().toString());
        tasks.add(task);
        ws.textMessageHandler(text -> onText(ws, task, text));
        ws.binaryMessageHandler(pcm -> onInput(ws, task, pcm.getBytes()));
        ws.closeHandler(v -> task.closed());
    }

    private void onText(ServerWebSocket ws, SamiStandInTask task, String text) {
        JsonNode request = parse(ws, task, text, 40000000L, "ClientError: the request is not JSON");
        if (request == null) {
            return;
        }
        task.request(text);
        if (!token.equals(request.path("token").asText()) || !appKey.equals(request.path("appkey").asText())) {
            fail(ws, task, 40200002L, "DeniedAccess:IllegalToken");
            return;
        }
        if (!SamiFrames.NAMESPACE.equals(request.path("namespace").asText())) {
            fail(ws, task, 40200014L, "DeniedNamespace");
            return;
        }
        switch (request.path("event").asText()) {
            case SamiFrames.START_TASK -> startTask(ws, task, request.path("payload").asText(""));
            case SamiFrames.FINISH_TASK -> {
                if (task.finishRequested()) {
                    answer(ws, task, SamiFrames.TASK_FINISHED, SamiCodes.OK, "OK", null);
                }
            }
            default -> fail(ws, task, 40000020L, "InvalidPayload: unknown event " + request.path("event").asText());
        }
    }

    /** The JSON in {@code text}, or null once the task has been failed with {@code code} because there is none. */
    private JsonNode parse(ServerWebSocket ws, SamiStandInTask task, String text, long code, String reason) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            fail(ws, task, code, reason);
            return null;
        }
    }

    private void startTask(ServerWebSocket ws, SamiStandInTask task, String payloadText) {
        JsonNode payload = parse(ws, task, payloadText, 40000020L, "InvalidPayload: payload is not a JSON string");
        if (payload == null) {
            return;
        }
        JsonNode in = payload.path("audio_info");
        JsonNode out = payload.path("audio_config");
        String speaker = payload.path("speaker").asText("");
        int inRate = in.path("sample_rate").asInt(0);
        if (!SPEAKERS.contains(speaker)) {
            fail(ws, task, SamiCodes.ILLEGAL_PAYLOAD, "IllegalPayload:InvalidSpeaker");
            return;
        }
        if (!"s16le".equals(in.path("format").asText()) || in.path("channel").asInt() != 1 || inRate < 8000 || inRate > 48000
            || !"s16le".equals(out.path("format").asText()) || out.path("channel").asInt() != 1
            || out.path("sample_rate").asInt() != SamiFrames.OUTPUT_SAMPLE_RATE) {
            fail(ws, task, SamiCodes.ILLEGAL_PAYLOAD, "IllegalPayload: audio_info or audio_config");
            return;
        }
        synchronized (injected) {
            Long code = injected.poll();
            if (code != null) {
                fail(ws, task, code, SamiCodes.explain(code));
                return;
            }
        }
        task.started(speaker, inRate, new LinearResampler(inRate, SamiFrames.OUTPUT_SAMPLE_RATE));
        answer(ws, task, SamiFrames.TASK_STARTED, SamiCodes.OK, "OK", null);
    }

    private void onInput(ServerWebSocket ws, SamiStandInTask task, byte[] pcm) {
        byte[] converted = task.input(System.nanoTime(), pcm);
        if (converted == null) {
            return;
        }
        if (failAfterInputBytes >= 0 && task.inputBytes() > failAfterInputBytes) {
            fail(ws, task, 55000000L, "ServerError: the stand-in was told to fail");
            return;
        }
        if (converted.length > 0) {
            task.output(System.nanoTime(), converted.length);
            if (base64Text) {
                answer(ws, task, "TaskResponse", SamiCodes.OK, "OK", converted);
            } else {
                ws.writeBinaryMessage(Buffer.buffer(converted));
            }
        }
    }

    private void fail(ServerWebSocket ws, SamiStandInTask task, long code, String text) {
        task.failed(code);
        answer(ws, task, SamiFrames.TASK_FAILED, code, text, null);
        ws.close();
    }

    private void answer(ServerWebSocket ws, SamiStandInTask task, String event, long code, String text, byte[] data) {
        ObjectNode response = JSON.createObjectNode().put("task_id", task.id()).put("message_id", UUID.randomUUID().toString())
                .put("namespace", SamiFrames.NAMESPACE).put("event", event).put("status_code", code).put("status_text", text);
        if (data != null) {
            response.put("data", Base64.getEncoder().encodeToString(data));
        }
        if (!ws.isClosed()) {
            ws.writeTextMessage(response.toString());
        }
    }
}
