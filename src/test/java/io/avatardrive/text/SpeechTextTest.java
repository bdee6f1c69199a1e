package io.avatardrive.text;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpeechTextTest {

    private static SpeechText read(String text, TextKind kind, int max) throws IOException {
        return SpeechText.read("a.txt", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), kind, max,
                "volc.max-text-chars");
    }

    private static String refusal(byte[] bytes, TextKind kind, int max) {
        return assertThrows(TextProblem.class,
                () -> SpeechText.read("a.txt", new ByteArrayInputStream(bytes), kind, max, "volc.max-text-chars")).getMessage();
    }

    private static String refusal(String text, TextKind kind, int max) {
        return refusal(text.getBytes(StandardCharsets.UTF_8), kind, max);
    }

    @Test
    void plainTextIsSentAsWrittenWithoutItsByteOrderMarkAndTrailingNewline() throws IOException {
        SpeechText text = read("\uFEFF今天天气不错\n", TextKind.PLAIN, 100);
        assertEquals("今天天气不错", text.text());
        assertEquals(6, text.characters());
    }

    @Test
    void ssmlIsSentWithItsTagsAndCountsOnlyTheWordsItSays() throws IOException {
        String ssml = "<speak>今天<action type=\"OK\"/>天气真不错</speak>";
        SpeechText text = read(ssml, TextKind.SSML, 100);
        assertEquals(ssml, text.text());
        assertEquals(7, text.characters());
    }

    @Test
    void charactersOutsideTheBasicPlaneCountOnce() throws IOException {
        assertEquals(3, read("a😀b", TextKind.PLAIN, 3).characters());
    }

    @Test
    void anEmptyOrBlankTextIsRefused() {
        assertTrue(refusal(" \n\t", TextKind.PLAIN, 100).contains("a.txt: the text is empty"));
        assertTrue(refusal(new byte[0], TextKind.PLAIN, 100).contains("empty"));
    }

    @Test
    void textThatIsNotUtf8IsRefusedNamingTheByte() {
        byte[] latin1 = "caf\u00e9 ok".getBytes(StandardCharsets.ISO_8859_1);
        String reason = refusal(latin1, TextKind.PLAIN, 100);
        assertTrue(reason.contains("not UTF-8") && reason.contains("byte 3"), reason);
    }

    @Test
    void malformedSsmlIsRefusedWithWhereItBreaks() {
        String reason = refusal("<speak>今天<action type=\"OK\">天气</speak>", TextKind.SSML, 100);
        assertTrue(reason.contains("not well-formed XML") && reason.contains("line 1"), reason);
    }

    @Test
    void ssmlInTheW3cNamespaceWithOrWithoutAPrefixIsTakenAsWritten() throws IOException {
        String plain = "<speak xmlns=\"http://www.w3.org/2001/10/synthesis\" version=\"1.0\">你好</speak>";
        assertEquals(plain, read(plain, TextKind.SSML, 100).text());
        String prefixed = "<s:speak xmlns:s=\"http://www.w3.org/2001/10/synthesis\">你好</s:speak>";
        assertEquals(2, read(prefixed, TextKind.SSML, 100).characters());
    }

    @Test
    void ssmlWhoseRootIsNotSpeakIsRefused() {
        assertTrue(refusal("<say>hi</say>", TextKind.SSML, 100).contains("not <speak>"));
    }

    @Test
    void ssmlWithOnlyTagsIsRefused() {
        assertTrue(refusal("<speak><action type=\"OK\"/></speak>", TextKind.SSML, 100).contains("no text to say"));
    }

    @Test
    void aDoctypeIsRefusedSoNoEntityIsExpanded() {
        String reason = refusal("<!DOCTYPE speak [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><speak>&x;</speak>",
                TextKind.SSML, 100);
        assertTrue(reason.contains("not well-formed XML") && reason.contains("DOCTYPE"), reason);
    }

    @Test
    void controlCharactersAreRefused() {
        String reason = refusal("hello\u0007world", TextKind.PLAIN, 100);
        assertTrue(reason.contains("U+0007"), reason);
    }

    @Test
    void aTextLongerThanTheLimitIsRefusedNotCut() throws IOException {
        assertEquals(10, read("0123456789", TextKind.PLAIN, 10).characters());
        String reason = refusal("0123456789A", TextKind.PLAIN, 10);
        assertTrue(reason.contains("11 characters") && reason.contains("volc.max-text-chars (10)"), reason);
    }

    @Test
    void anEndlessInputIsRefusedAfterReadingNoMoreThanTheLimitAllows() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'a';
            }
        };
        TextProblem problem = assertThrows(TextProblem.class, () -> SpeechText.read("a.txt", endless, TextKind.PLAIN, 100,
                "volc.max-text-chars"));
        assertTrue(problem.getMessage().contains("longer than 400 bytes"), problem.getMessage());
    }

    @Test
    void theKindComesFromTheNameOrTheMediaType() {
        assertEquals(TextKind.PLAIN, TextKind.ofName("task/Hello.TXT").orElseThrow());
        assertEquals(TextKind.SSML, TextKind.ofName("a.ssml").orElseThrow());
        assertTrue(TextKind.ofName("a.wav").isEmpty());
        assertEquals(TextKind.PLAIN, TextKind.ofMediaType("text/plain; charset=utf-8").orElseThrow());
        assertEquals(TextKind.SSML, TextKind.ofMediaType("application/ssml+xml").orElseThrow());
        assertTrue(TextKind.ofMediaType("audio/wav").isEmpty());
    }
}
