package io.avatardrive.volc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.drive.TaskLanes;
import io.avatardrive.standin.VolcStandInSession;
import io.avatardrive.support.VendorDriveTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text and SSML clips in a Volcengine task folder: said by the avatar's own voice in a text-mode session (one
 * |CTL|02|, its voice_end awaited, |CTL|01|), stopped by |CTL|03| when the task is interrupted, and refused with a
 * reason when they cannot be said.
 */
class VolcTextDriveTest extends VendorDriveTestSupport {

    private static final int MAX_CHARS = 300;

    @Override
    protected Map<String, String> properties() {
        Map<String, String> p = super.properties();
        p.put("volc.max-text-chars", Integer.toString(MAX_CHARS));
        return p;
    }

    @BeforeEach
    void quickSpeech() {
        volc.speechMsPerCharacter(20);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The stand-in's session that was sent this text. */
    private static VolcStandInSession sessionSaying(String text) {
        await().atMost(Duration.ofSeconds(10)).until(() -> volc.sessions().stream().anyMatch(s -> s.said().contains(text)));
        return volc.sessions().stream().filter(s -> s.said().contains(text)).findFirst().orElseThrow();
    }

    /** Drops a text into a Volcengine task's folder; returns the stand-in's session once the words reached it. */
    private VolcStandInSession dropAndAwaitSaying(String task, String name, String words) throws Exception {
        folderSettings(task, "drive.backend = volc-tta\n");
        drop(task + "/" + name, utf8(words));
        return sessionSaying(words);
    }

    /** The avatar was told to stop (|CTL|03|), then the session closed (|CTL|01|), all by the protocol. */
    private static void assertStoppedWithCtl03(VolcStandInSession cut) {
        await().atMost(Duration.ofSeconds(10)).until(cut::closed);
        assertTrue(cut.interruptedAtNanos() > 0, "the avatar was told |CTL|03|");
        List<String> frames = cut.frames();
        assertEquals(List.of("|CTL|03|", "|CTL|01|"), frames.subList(frames.size() - 2, frames.size()), frames.toString());
        assertEquals(List.of(), cut.violations());
    }

    @Test
    void helloTxtInAVolcengineTaskIsSaidInTextModeAndFiledWithItsCharacters() throws Exception {
        folderSettings("say", "drive.backend = volc-tta\n");
        String words = "你好,世界。Hello there!";
        drop("say/hello.txt", utf8(words + "\n"));

        JsonNode report = awaitDone("say/hello.txt");
        assertEquals("driven", report.path("outcome").asText(), report.toString());
        assertEquals("volc-tta", report.path("backend").asText());
        assertEquals("text", report.path("input").asText());
        assertEquals(words.length(), report.path("characters").asInt());
        assertTrue(report.path("wallMs").asLong() >= words.length() * 20L, "it waited for the speech: " + report);
        assertFalse(report.has("sampleRate") || report.has("bytes"), "no audio figures for words: " + report);
        assertTrue(Files.exists(settings.done().resolve("say/hello.txt")));

        VolcStandInSession heard = sessionSaying(words);
        assertTrue(volc.awaitClosed(volc.sessions().size(), 5000));
        assertEquals("text", heard.session().path("input_mode").asText());
        assertEquals(List.of(words), heard.said());
        assertEquals(List.of("|CTL|02| " + words.length() + " B", "|CTL|01|"), heard.frames().subList(1, heard.frames().size()));
        assertTrue(heard.voiceEndAtNanos() > 0 && heard.voiceEndAtNanos() <= heard.closedAtNanos(),
                "|CTL|01| came after voice_end");
        assertEquals(List.of(), heard.violations());
        assertTrue(heard.closedCleanly());
    }

    @Test
    void ssmlActionsImagesAndVideosReachTheAvatarAsWritten() throws Exception {
        folderSettings("ssml", "drive.backend = volc-tta\n");
        String ssml = "<speak>今天<action type=\"OK\"/><image url=\"http://x/a.png\" left=\"250\" top=\"500\">天气真不错。"
                      + "</image><video url=\"http://x/b.mp4\" level=\"1\"/>阳光很好</speak>";
        drop("ssml/weather.ssml", utf8(ssml));

        JsonNode report = awaitDone("ssml/weather.ssml");
        assertEquals("driven", report.path("outcome").asText(), report.toString());
        assertEquals("ssml", report.path("input").asText());
        assertEquals("今天天气真不错。阳光很好".length(), report.path("characters").asInt(), "tags are not said");
        assertFalse(report.has("reason"), "its voice_end came in time: " + report);
        VolcStandInSession heard = sessionSaying(ssml);
        assertEquals(List.of(ssml), heard.said(), "the SSML went as written, tags and all");
        assertEquals(List.of(report.path("characters").asInt()), heard.spokenCharacters(), "the avatar says as many");
        assertEquals(List.of(), heard.violations());
    }

    @Test
    void aTextInterruptStopsTheSpeechWithCtl03SupersedesTheWaitingClipAndSpeaks() throws Exception {
        String longText = "这是一段很长的话。".repeat(25);
        VolcStandInSession cut = dropAndAwaitSaying("chat", "long.txt", longText);
        drop("chat/waiting.txt", utf8("我在等。"));
        TaskLanes lanes = context.getRegistry().lookupByNameAndType("taskLanes", TaskLanes.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> lanes.waiting().getOrDefault("chat", List.of())
                .contains("chat/waiting.txt"));
        drop("chat/now.interrupt.txt", utf8("好的,我停下。"));

        JsonNode interrupted = awaitDone("chat/long.txt");
        assertEquals("interrupted", interrupted.path("outcome").asText(), interrupted.toString());
        assertTrue(interrupted.path("reason").asText().contains("now.interrupt.txt"), interrupted.toString());
        assertTrue(interrupted.path("wallMs").isIntegralNumber(), "how long it spoke: " + interrupted);
        assertTrue(interrupted.get("wallMs").asLong() < longText.length() * 20L, "cut short: " + interrupted);
        assertStoppedWithCtl03(cut);
        assertEquals(0, cut.voiceEndAtNanos(), "the stopped speech never ended by itself");

        assertEquals("superseded", awaitDone("chat/waiting.txt").path("outcome").asText());
        JsonNode spoken = awaitDone("chat/now.interrupt.txt");
        assertEquals("driven", spoken.path("outcome").asText(), spoken.toString());
        assertTrue(sessionSaying("好的,我停下。").closedCleanly());
        assertTrue(volc.sessions().stream().noneMatch(s -> s.said().contains("我在等。")), "the superseded text was never sent");
    }

    @Test
    void aShutdownStopsTheSpeechWithCtl03AndCtl01AndLeavesTheClipInTheInbox() throws Exception {
        VolcStandInSession cut = dropAndAwaitSaying("closing", "long.txt", "下班前的最后一段话。".repeat(20));

        context.stop();
        assertStoppedWithCtl03(cut);
        assertTrue(Files.exists(settings.inbox().resolve("closing/long.txt")), "said again from its start at the next run");
        assertFalse(Files.exists(settings.done().resolve("closing/long.txt.json")));
        assertFalse(Files.exists(settings.error().resolve("closing/long.txt.error.json")));
    }

    @Test
    void textForAZegoTaskIsRefusedBecauseItNeedsTheVolcengineBackend() throws Exception {
        drop("zego-task/hello.txt", utf8("hello"));
        JsonNode failure = awaitError("zego-task/hello.txt");
        assertEquals("read", failure.path("stage").asText());
        assertTrue(failure.path("reason").asText().contains("zego-task/hello.txt: text needs the volc-tta backend"),
                failure.toString());
        assertTrue(Files.exists(settings.error().resolve("zego-task/hello.txt")), "the input is kept");
    }

    @Test
    void emptyNonUtf8MalformedAndTooLongTextsAreRefusedWithTheirReasonAndTheNextIsSaid() throws Exception {
        folderSettings("bad", "drive.backend = volc-tta\n");
        drop("bad/empty.txt", utf8(" \n"));
        drop("bad/latin1.txt", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        drop("bad/broken.ssml", utf8("<speak>今天<action type=\"OK\">天气</speak>"));
        drop("bad/long.txt", utf8("字".repeat(MAX_CHARS + 1)));
        drop("bad/fine.txt", utf8("这句可以。"));

        assertRefused("bad/empty.txt", "the text is empty");
        assertRefused("bad/latin1.txt", "not UTF-8");
        assertRefused("bad/broken.ssml", "not well-formed XML");
        assertRefused("bad/long.txt", (MAX_CHARS + 1) + " characters, more than volc.max-text-chars (" + MAX_CHARS + ")");
        assertEquals("driven", awaitDone("bad/fine.txt").path("outcome").asText());
        assertTrue(volc.sessions().stream().noneMatch(s -> s.said().stream().anyMatch(t -> t.startsWith("字字"))),
                "a refused text never opens a session");
    }

    private void assertRefused(String clip, String reason) throws Exception {
        JsonNode failure = awaitError(clip);
        assertEquals("decode", failure.path("stage").asText(), failure.toString());
        assertTrue(failure.path("reason").asText().startsWith(clip + ": ")
                   && failure.path("reason").asText().contains(reason), failure.toString());
        assertTrue(Files.exists(settings.error().resolve(clip)), "the input is kept");
    }
}
