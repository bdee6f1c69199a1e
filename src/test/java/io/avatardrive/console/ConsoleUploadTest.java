package io.avatardrive.console;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.support.ChunkedPost;
import io.avatardrive.support.RunningApp;
import io.avatardrive.support.TestClips;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's upload from outside the running application: refused from another site's page and in a form's body,
 * refused by size before or while the body comes without the process holding it, and named so nothing is hidden, lost
 * or overwritten, with reasons that never show the server's paths.
 */
class ConsoleUploadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path data;
    static RunningApp app;
    static int management;

    @BeforeAll
    static void start() throws Exception {
        management = AvailablePortFinder.getNextAvailable();
        app = RunningApp.start(data, List.of("-Dmanagement.port=" + management, "-Ddrive.lead-ms=300"));
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    private static HttpResponse<String> upload(String query, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management
                                                                        + "/console/speak?" + query))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> upload(String query, byte[] body) throws Exception {
        return upload(query, body, "Content-Type", "application/octet-stream");
    }

    private static List<String> filesOf(String task) throws IOException {
        Path folder = data.resolve("inbox").resolve(task);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aPageOfAnotherSiteIsRefused403AndTheConsolesOwnOriginIsLetThrough() throws Exception {
        byte[] wav = TestClips.wav16(16000, TestClips.pcm16(16000, 0.2));
        HttpResponse<String> foreign = upload("task=cross-site&name=a.wav", wav, "Content-Type",
                "application/octet-stream", "Origin", "http://evil.example");
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertTrue(foreign.body().contains("management.allowed-origins"), foreign.body());
        // a name that merely points at 127.0.0.1 (DNS rebinding) is not the console's own origin
        HttpResponse<String> rebound = upload("task=cross-site&name=a.wav", wav, "Content-Type",
                "application/octet-stream", "Origin", "http://attacker.example:" + management);
        assertEquals(403, rebound.statusCode(), rebound.body());
        assertEquals(List.of(), filesOf("cross-site"));
        HttpResponse<String> own = upload("task=same-site&name=a.wav", wav, "Content-Type",
                "application/octet-stream", "Origin", "http://127.0.0.1:" + management);
        assertEquals(202, own.statusCode(), own.body());
    }

    @Test
    void theStartUpLogNamesTheManagementAddressItReallyBinds() {
        assertTrue(app.output().contains("Management at http://127.0.0.1:" + management + "/observe/health"),
                app.output());
        assertFalse(app.output().contains("http://0.0.0.0"), app.output());
    }

    @Test
    void aBodyAWebFormCanSendIsRefused415() throws Exception {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            HttpResponse<String> answer = upload("task=forms&name=a.txt", "hello".getBytes(), "Content-Type", type);
            assertEquals(415, answer.statusCode(), type + ": " + answer.body());
        }
        assertEquals(List.of(), filesOf("forms"));
    }

    @Test
    void hiddenAndNamelessClipsAreRefusedAndALongNamesReasonShowsNoPath() throws Exception {
        byte[] wav = TestClips.wav16(16000, TestClips.pcm16(16000, 0.1));
        for (String name : List.of(".hidden.wav", ".wav", ".x.wav")) {
            HttpResponse<String> answer = upload("task=names&name=" + name, wav);
            assertEquals(400, answer.statusCode(), name + ": " + answer.body());
        }
        HttpResponse<String> longName = upload("task=names&name=" + "n".repeat(300) + ".wav", wav);
        assertEquals(400, longName.statusCode(), longName.body());
        assertFalse(longName.body().contains(data.toString()), longName.body());
        assertFalse(longName.body().contains("/"), longName.body());
        assertEquals(List.of(), filesOf("names"));
    }

    @Test
    void theSameNameUploadedTwiceWhileTheTaskIsBusyKeepsBothClips() throws Exception {
        // a long clip keeps the task busy, so both uploads wait in its folder
        assertEquals(202, upload("task=twice&name=long.wav",
                TestClips.wav16(16000, TestClips.pcm16(16000, 3.0))).statusCode());
        byte[] first = TestClips.wav16(16000, TestClips.pcm16(16000, 0.2));
        byte[] second = TestClips.wav16(16000, TestClips.pcm16(16000, 0.3));
        JsonNode a = JSON.readTree(upload("task=twice&name=same.wav", first).body());
        JsonNode b = JSON.readTree(upload("task=twice&name=same.wav", second).body());
        assertEquals("same.wav", a.path("file").asText());
        assertEquals("same-2.wav", b.path("file").asText());
        assertTrue(filesOf("twice").containsAll(List.of("same.wav", "same-2.wav")), filesOf("twice").toString());
    }

    @Test
    void anUploadTooLargeByItsContentLengthIsRefused413BeforeItsBody() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", management)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("POST /console/speak?task=big&name=big.wav HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                            + "Content-Type: application/octet-stream\r\nContent-Length: 300000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String head = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", head);
        }
    }

    @Test
    void threeChunkedUploadsOf300MbAreCutAt64MbWithoutTheProcessHoldingThemOrHealthWaiting() throws Exception {
        long rssBefore = app.rssBytes();
        List<CompletableFuture<Integer>> uploads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            uploads.add(CompletableFuture.supplyAsync(() -> chunkedUpload("huge-" + n + ".wav", 300L * 1024 * 1024)));
        }
        long healthMs = 0;
        while (!uploads.stream().allMatch(CompletableFuture::isDone)) {
            long at = System.nanoTime();
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management
                    + "/observe/health/live")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            healthMs = Math.max(healthMs, (System.nanoTime() - at) / 1_000_000);
        }
        for (CompletableFuture<Integer> upload : uploads) {
            assertEquals(413, upload.join());
        }
        long growth = app.rssBytes() - rssBefore;
        System.out.printf("Three 300 MB chunked uploads: health at most %d ms, RSS growth %d MB%n", healthMs,
                growth / 1024 / 1024);
        assertTrue(app.isAlive());
        assertTrue(healthMs < 1000, "health answered after " + healthMs + " ms");
        assertTrue(growth < 200L * 1024 * 1024, "RSS grew by " + growth / 1024 / 1024 + " MB");
        assertEquals(List.of(), filesOf("huge"), "nothing of the refused uploads is left");
    }

    /** Sends up to {@code bytes} in 1 MB chunks until the server answers; returns its status. */
    private static int chunkedUpload(String name, long bytes) {
        try (ChunkedPost post = new ChunkedPost(management, "/console/speak?task=huge&name=" + name,
                "application/octet-stream")) {
            byte[] chunk = new byte[1024 * 1024];
            try {
                for (long sent = 0; sent < bytes; sent += chunk.length) {
                    post.chunk(chunk, 0, chunk.length);
                }
                post.finishBody();
            } catch (IOException closedByServer) {
                // the server stopped reading: its answer is waiting
            }
            return post.answer().status();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
