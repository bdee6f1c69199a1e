package io.avatardrive.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import io.avatardrive.settings.InvalidSettingsException;
import io.avatardrive.settings.LiveSettings;
import io.avatardrive.support.ChunkedPost;
import io.avatardrive.support.LiveTestSupport;
import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With ingress.username and ingress.password, nobody without them makes the avatar speak over HTTP or WebSocket. */
class IngressAccessTest extends LiveTestSupport {

    private static final String USER = "tts-backend";
    private static final String PASSWORD = "s3cret-pass";

    @Override
    protected Map<String, String> properties() {
        Map<String, String> p = super.properties();
        p.put("ingress.username", USER);
        p.put("ingress.password", PASSWORD);
        return p;
    }

    @Test
    void aPostWithoutTheLoginIsRefusedWith401AndNothingIsSpoken() throws Exception {
        try (ChunkedPost post = new ChunkedPost(liveSettings.port(), "/tasks/refused/speak", "audio/pcm;rate=16000")) {
            byte[] pcm = TestClips.pcm16(16000, 0.2);
            post.chunk(pcm, 0, pcm.length);
            ChunkedPost.Answer answer = post.finish();
            assertEquals(401, answer.status(), answer.body());
        }
        assertTrue(standIn.drives().stream().noneMatch(d -> "refused".equals(d.taskId())));
    }

    @Test
    void aPostWithTheLoginIsSpoken() throws Exception {
        String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (ChunkedPost post = new ChunkedPost(liveSettings.port(), "/tasks/guarded/speak", "audio/pcm;rate=16000",
                "Authorization: Basic " + basic)) {
            byte[] pcm = TestClips.pcm16(16000, 0.2);
            post.chunk(pcm, 0, pcm.length);
            ChunkedPost.Answer answer = post.finish();
            assertEquals(200, answer.status(), answer.body());
        }
    }

    @Test
    void aWebSocketWithoutTheLoginIsClosedWithPolicyViolation() throws Exception {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(speakUrl("ws", "guarded") + "?rate=16000"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }
                }).join();
        assertEquals(1008, closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void anIngressBeyondLoopbackWithoutALoginStopsTheStartNamingTheSettings() {
        InvalidSettingsException refused = assertThrows(InvalidSettingsException.class,
                () -> LiveSettings.from(key -> Optional.ofNullable(Map.of("ingress.host", "0.0.0.0").get(key)))
                        .requireLoginBeyondLoopback());
        assertTrue(refused.getMessage().contains("ingress.username and ingress.password"), refused.getMessage());
    }
}
