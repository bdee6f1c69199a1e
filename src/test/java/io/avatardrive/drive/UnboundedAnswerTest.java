package io.avatardrive.drive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.support.DriveTestSupport;
import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A DriveByWsStream endpoint that misbehaves over a real socket: an answer that trickles a byte at a time is cut off at
 * zego.api-timeout-ms for the whole call, an answer above 64 KiB is refused, and a redirect's reason never carries the
 * signed query.
 */
class UnboundedAnswerTest extends DriveTestSupport {

    private static final long TIMEOUT_MS = 1000;

    private final ExecutorService connections = Executors.newCachedThreadPool();
    private ServerSocket api;

    @Override
    protected Map<String, String> properties() {
        Map<String, String> p = super.properties();
        try {
            api = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        connections.execute(this::serve);
        p.put("zego.api-url", "http://127.0.0.1:" + api.getLocalPort() + "/");
        p.put("zego.api-timeout-ms", Long.toString(TIMEOUT_MS));
        p.put("drive.max-redeliveries", "0");
        return p;
    }

    @AfterEach
    void closeApi() throws IOException {
        api.close();
        connections.shutdownNow();
    }

    private void serve() {
        while (!api.isClosed()) {
            try {
                Socket socket = api.accept();
                connections.execute(() -> answer(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Answers by the task the request names: drip, huge or redirect. */
    private void answer(Socket socket) {
        try (socket) {
            String request = readRequest(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            if (request.contains("\"drip\"")) {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{".getBytes());
                for (int i = 0; i < 200 && !socket.isClosed(); i++) {
                    out.write(' ');
                    out.flush();
                    TimeUnit.MILLISECONDS.sleep(300);
                }
            } else if (request.contains("\"huge\"")) {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes());
                byte[] chunk = " ".repeat(16 * 1024).getBytes();
                for (int i = 0; i < 64; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes());
                    out.write(chunk);
                    out.write("\r\n".getBytes());
                }
                out.write("0\r\n\r\n".getBytes());
            } else {
                String query = request.substring(request.indexOf('?') + 1, request.indexOf(' ', request.indexOf('?')));
                out.write(("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/elsewhere?" + query
                           + "\r\nContent-Length: 0\r\n\r\n").getBytes());
            }
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the drive gave up on the call and closed it
        }
    }

    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.write(c);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int at = text.toLowerCase().indexOf("content-length:");
        int length = at < 0 ? 0 : Integer.parseInt(text.substring(at + 15, text.indexOf('\r', at)).trim());
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    void anAnswerThatTricklesIsCutOffAtTheDeadlineOfTheWholeCall() throws Exception {
        long dropped = System.nanoTime();
        drop("drip/a.wav", TestClips.wav16(16000, TestClips.pcm16(16000, 0.2)));
        JsonNode report = awaitError("drip/a.wav");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - dropped);
        System.out.printf("A DriveByWsStream answer dripping a byte every 300 ms: failed after %d ms (deadline %d ms)%n",
                ms, TIMEOUT_MS);
        assertEquals("api", report.path("stage").asText(), report.toString());
        assertTrue(report.path("reason").asText().contains("zego.api-timeout-ms"), report.toString());
        assertTrue(ms < TIMEOUT_MS + 2000, "the call took " + ms + " ms");
    }

    @Test
    void anAnswerAbove64KibIsRefusedWithAReason() throws Exception {
        drop("huge/a.wav", TestClips.wav16(16000, TestClips.pcm16(16000, 0.2)));
        JsonNode report = awaitError("huge/a.wav");
        assertEquals("api", report.path("stage").asText(), report.toString());
        assertTrue(report.path("reason").asText().contains("larger than 65536 bytes"), report.toString());
    }

    @Test
    void aRedirectsReasonCarriesNoPartOfTheSignedQuery() throws Exception {
        drop("redirect/a.wav", TestClips.wav16(16000, TestClips.pcm16(16000, 0.2)));
        JsonNode report = awaitError("redirect/a.wav");
        String reason = report.path("reason").asText();
        assertTrue(reason.contains("302"), report.toString());
        for (String part : new String[] {"Signature", "SignatureNonce", "Timestamp", "AppId="}) {
            assertFalse(reason.contains(part), reason);
        }
    }
}
