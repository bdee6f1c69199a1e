package io.avatardrive.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.standin.StandInDrive;
import io.avatardrive.support.ChunkedPost;
import io.avatardrive.support.LiveTestSupport;
import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /tasks/{TaskId}/speak: a chunked body drives the avatar from its first bytes, and the answer is the report. */
class HttpSpeakTest extends LiveTestSupport {

    private static final String TASK = "http-live";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpRequest.Builder speak(String task, String query, String contentType) {
        return HttpRequest.newBuilder(URI.create(speakUrl("http", task) + query)).header("Content-Type", contentType)
                .timeout(Duration.ofSeconds(30));
    }

    @Test
    void aChunkedBodyIsSpokenWhileItIsStillBeingSentAndTheAnswerIsTheReport() throws Exception {
        byte[] pcm = TestClips.pcm16(24000, 1.0);
        try (ChunkedPost post = new ChunkedPost(liveSettings.port(), "/tasks/" + TASK + "/speak?name=greeting",
                "audio/pcm;rate=24000")) {
            int piece = 4801; // 100 ms and one byte: samples split across chunks
            post.chunk(pcm, 0, piece);
            // the rest is sent only once the avatar has heard the first piece: a server that waited for the whole
            // body would never answer
            await().atMost(Duration.ofSeconds(10)).until(() -> standIn.drives().stream()
                    .anyMatch(d -> TASK.equals(d.taskId()) && d.bytes() > 0));
            for (int at = piece; at < pcm.length; at += piece) {
                post.chunk(pcm, at, Math.min(piece, pcm.length - at));
            }
            ChunkedPost.Answer answer = post.finish();
            assertEquals(200, answer.status(), answer.body());
            JsonNode report = JSON.readTree(answer.body());
            assertEquals("driven", report.path("outcome").asText());
            assertEquals("greeting", report.path("file").asText());
            assertEquals(24000, report.path("sampleRate").asInt());
            assertTrue(report.path("firstPcmMs").asLong(-1) >= 0, report.toString());
            StandInDrive drive = heardCompleted(report.path("driveId").asText());
            assertEquals(TestClips.sha256(pcm), drive.sha256());
            assertEquals(List.of("Start", "audio", "Stop"), drive.frames());
        }
    }

    @Test
    void aWavStreamWhoseHeaderGivesNoLengthIsSpokenToItsEnd() throws Exception {
        byte[] pcm = TestClips.pcm16(16000, 0.5);
        byte[] wav = TestClips.wav16(16000, pcm);
        // as streaming TTS engines write it: the lengths are 0 until the end is known
        Arrays.fill(wav, 4, 8, (byte) 0);
        Arrays.fill(wav, 40, 44, (byte) 0);
        HttpResponse<String> response = http.send(speak(TASK, "", "audio/wav")
                .POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(pcm.length, JSON.readTree(response.body()).path("bytes").asLong());
    }

    @Test
    void aRateTooLargeForANumberIsRefusedWith400NamingIt() throws Exception {
        HttpResponse<String> response = http.send(speak(TASK, "", "audio/pcm;rate=999999999999999999999")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[3200])).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("999999999999999999999"), response.body());
    }

    @Test
    void aContentTypeThatIsNeitherAudioNorTextIsRefusedWith400AndAReason() throws Exception {
        HttpResponse<String> response = http.send(speak(TASK, "", "image/png")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
        JsonNode report = JSON.readTree(response.body());
        assertEquals("failed", report.path("outcome").asText());
        assertTrue(report.path("reason").asText().contains("image/png"), response.body());
    }

    @Test
    void textForAZegoTaskIsRefusedWith400BecauseItNeedsTheVolcengineBackend() throws Exception {
        HttpResponse<String> response = http.send(speak(TASK, "", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
        assertTrue(JSON.readTree(response.body()).path("reason").asText().contains("text needs the volc-tta backend"),
                response.body());
    }

    @Test
    void rawPcmAtARateTheAvatarDoesNotTakeIsRefusedWith400() throws Exception {
        HttpResponse<String> response = http.send(speak(TASK, "", "audio/pcm;rate=8000")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[3200])).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
        assertTrue(JSON.readTree(response.body()).path("reason").asText().contains("8000 Hz"), response.body());
    }

    @Test
    void aBodyThatStallsIsCutAfterTheGapWithStopSentAndA400() throws Exception {
        try (ChunkedPost post = new ChunkedPost(liveSettings.port(), "/tasks/" + TASK + "/speak", "audio/pcm;rate=16000")) {
            byte[] pcm = TestClips.pcm16(16000, 0.2);
            post.chunk(pcm, 0, pcm.length);
            // no more chunks and no end: the answer comes once drive.utterance-gap-ms has passed
            ChunkedPost.Answer answer = post.answer();
            assertEquals(400, answer.status(), answer.body());
            JsonNode report = JSON.readTree(answer.body());
            assertEquals("cut", report.path("outcome").asText());
            assertTrue(report.path("reason").asText().contains("drive.utterance-gap-ms"), answer.body());
            assertEquals(List.of("Start", "audio", "Stop"), heardCompleted(report.path("driveId").asText()).frames());
        }
    }
}
