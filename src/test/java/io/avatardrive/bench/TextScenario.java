package io.avatardrive.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.avatardrive.standin.VolcStandIn;
import io.avatardrive.standin.VolcStandInSession;

import static io.avatardrive.bench.DriveBenchmark.percentile;

/**
 * Text for the Volcengine avatar over HTTP: how soon a posted text reaches the avatar as {@code |CTL|02|}, and how soon
 * an interrupting post stops it with {@code |CTL|03|}. Both ends are in this process, on one monotonic clock.
 */
final class TextScenario {

    private final VolcStandIn volc;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    TextScenario(VolcStandIn volc, int port) {
        this.volc = volc;
        this.port = port;
    }

    private HttpRequest say(String task, String words, boolean interrupt) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tasks/" + task
                                                 + "/speak?backend=volc-tta" + (interrupt ? "&interrupt=true" : "")))
                .header("Content-Type", "text/plain; charset=utf-8").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(words)).build();
    }

    private Optional<VolcStandInSession> saying(String words) {
        return volc.sessions().stream().filter(s -> s.said().contains(words)).findFirst();
    }

    /** {@code count} conversations one after another: a long text, then an interrupting short one once it is heard. */
    Map<String, Object> interrupts(int count) throws Exception {
        List<Double> postToChat = new ArrayList<>();
        List<Double> interruptToStop = new ArrayList<>();
        int notInterrupted = 0;
        for (int i = 0; i < count; i++) {
            String task = "text-" + i;
            String longText = "第" + i + "段:" + "这是一段用来测量打断的长句子。".repeat(20);
            long posted = System.nanoTime();
            CompletableFuture<HttpResponse<String>> first = http.sendAsync(say(task, longText, false),
                    HttpResponse.BodyHandlers.ofString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (saying(longText).isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            VolcStandInSession cut = saying(longText).orElseThrow(() -> new IllegalStateException("never heard " + task));
            postToChat.add((cut.firstChatAtNanos() - posted) / 1e6);
            long interrupted = System.nanoTime();
            HttpResponse<String> second = http.send(say(task, "好。", true), HttpResponse.BodyHandlers.ofString());
            String firstAnswer = first.get(30, TimeUnit.SECONDS).body();
            if (second.statusCode() != 200 || !firstAnswer.contains("\"interrupted\"") || cut.interruptedAtNanos() == 0) {
                notInterrupted++;
                continue;
            }
            interruptToStop.add((cut.interruptedAtNanos() - interrupted) / 1e6);
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("conversations", count);
        f.put("postToCtl02P50Ms", percentile(postToChat, 0.5));
        f.put("postToCtl02P99Ms", percentile(postToChat, 0.99));
        f.put("interruptToCtl03P50Ms", percentile(interruptToStop, 0.5));
        f.put("interruptToCtl03P99Ms", percentile(interruptToStop, 0.99));
        f.put("interruptToCtl03MaxMs", percentile(interruptToStop, 1.0));
        f.put("notInterrupted", notInterrupted);
        return f;
    }
}
