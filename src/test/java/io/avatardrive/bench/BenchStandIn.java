package io.avatardrive.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.standin.ZegoStandIn;

/**
 * The ZEGO stand-in the benchmark drives: in this JVM, or in a JVM of its own so that the pipeline's CPU is measured
 * alone (both still share the machine's cores). System.nanoTime is the same monotonic clock in both JVMs on Linux, so
 * the stand-in's timestamps compare with the benchmark's.
 */
interface BenchStandIn extends AutoCloseable {

    String apiUrl();

    List<Heard> drives();

    /** Percentile of chunk lateness since the last clear, in milliseconds. */
    default double latenessMs(double quantile) {
        return latenessMs(quantile, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** The same, over the chunks that arrived between the two times (System.nanoTime). */
    double latenessMs(double quantile, long fromNanos, long toNanos);

    void clearLateness();

    @Override
    void close();

    static BenchStandIn inline(ZegoStandIn standIn) {
        return new BenchStandIn() {
            @Override
            public String apiUrl() {
                return standIn.apiUrl();
            }

            @Override
            public List<Heard> drives() {
                return standIn.drives().stream().map(Heard::of).toList();
            }

            @Override
            public double latenessMs(double quantile, long fromNanos, long toNanos) {
                return standIn.lateness().percentileMs(quantile, fromNanos, toNanos);
            }

            @Override
            public void clearLateness() {
                standIn.lateness().clear();
            }

            @Override
            public void close() {
                standIn.close();
            }
        };
    }

    /** Starts {@link StandInProcess} in a JVM of its own and talks to it over its control port. */
    static BenchStandIn process(String appId, String secret, int qps, long leadMs) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), StandInProcess.class.getName(), appId, secret,
                Integer.toString(qps), Long.toString(leadMs)).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            line = out.readLine();
            if (line == null) {
                throw new IllegalStateException("the stand-in process ended before it was ready");
            }
        } while (!line.startsWith(StandInProcess.READY));
        String[] urls = line.substring(StandInProcess.READY.length()).trim().split(" ");
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // its log is not the benchmark's
                }
            } catch (Exception ignored) {
                // the process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        return new BenchStandIn() {
            private String get(String path) {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(urls[1] + path)).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                } catch (Exception e) {
                    throw new IllegalStateException("the stand-in process did not answer " + path, e);
                }
            }

            @Override
            public String apiUrl() {
                return urls[0];
            }

            @Override
            public List<Heard> drives() {
                try {
                    return json.readValue(get("/drives"), new TypeReference<List<Heard>>() { });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public double latenessMs(double quantile, long fromNanos, long toNanos) {
                try {
                    JsonNode answer = json.readTree(get("/lateness?q=" + quantile + "&from=" + fromNanos + "&to=" + toNanos));
                    return answer.get("ms").asDouble();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void clearLateness() {
                get("/lateness/clear");
            }

            @Override
            public void close() {
                child.destroy();
            }
        };
    }
}
