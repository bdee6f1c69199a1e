package io.avatardrive.inbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.support.DriveTestSupport;
import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clips fed the way operators really feed the folder: written in place by cp, scp or a TTS engine, re-dropped with the
 * same name, size and time, or linked in. Each is spoken once, whole, or refused with a reason.
 */
class InboxWritersTest extends DriveTestSupport {

    private static final int SETTLE_MS = 400;
    private static final int INCOMPLETE_TIMEOUT_MS = 800;

    @TempDir
    Path outside;

    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopWriter() {
        writer.shutdownNow();
    }

    @Override
    protected Map<String, String> properties() {
        Map<String, String> p = super.properties();
        p.put("drive.settle-ms", Integer.toString(SETTLE_MS));
        p.put("drive.incomplete-timeout-ms", Integer.toString(INCOMPLETE_TIMEOUT_MS));
        return p;
    }

    /** Writes the bytes to the file in place, the first piece at once and one more every {@code everyMs}. */
    private void writeInPlace(Path file, byte[] content, int pieces, long everyMs) throws IOException {
        Files.createDirectories(file.getParent());
        OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);
        int piece = (content.length + pieces - 1) / pieces;
        AtomicInteger written = new AtomicInteger();
        writer.scheduleAtFixedRate(() -> {
            try {
                int from = written.get();
                int to = Math.min(content.length, from + piece);
                out.write(content, from, to - from);
                out.flush();
                written.set(to);
                if (to == content.length) {
                    out.close();
                    throw new IllegalStateException("written");  // ends the schedule
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, 0, everyMs, TimeUnit.MILLISECONDS);
    }

    @Test
    void aWavWrittenInPlaceSlowerThanRealTimeIsDrivenWholeOnceItsDataIsAllThere() throws Exception {
        byte[] pcm = TestClips.pcm16(16000, 1.2);
        // the header first, as cp and TTS engines write it: it promises 1.2 s that arrive over about 1.5 s
        writeInPlace(settings.inbox().resolve("inplace/slow.wav"), TestClips.wav16(16000, pcm), 6, 300);
        assertDrivenWhole("inplace/slow.wav", pcm);
    }

    /** The clip was driven once, with every byte of its audio. */
    private void assertDrivenWhole(String relative, byte[] pcm) throws Exception {
        JsonNode report = awaitDone(relative);
        assertEquals(pcm.length, report.get("bytes").asLong());
        assertEquals(TestClips.sha256(pcm), heardCompleted(report.get("driveId").asText()).sha256());
    }

    @Test
    void aWavWhoseHeaderGivesNoLengthIsDrivenWholeOnceItSettles() throws Exception {
        byte[] pcm = TestClips.pcm16(16000, 0.6);
        byte[] wav = TestClips.wav16(16000, pcm);
        ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(4, 0xFFFFFFFF);  // RIFF size unknown
        header.putInt(40, 0xFFFFFFFF); // data size unknown, as a streaming writer leaves it
        writeInPlace(settings.inbox().resolve("streamed/tts.wav"), wav, 6, 100);
        assertDrivenWhole("streamed/tts.wav", pcm);
    }

    @Test
    void rawPcmWrittenInPlaceIsDrivenWholeOnceItSettles() throws Exception {
        byte[] pcm = TestClips.pcm16(24000, 0.6);
        writeInPlace(settings.inbox().resolve("raw/piece.24000.pcm"), pcm, 6, 100);
        assertDrivenWhole("raw/piece.24000.pcm", pcm);
    }

    @Test
    void aWavThatStaysShorterThanItsHeaderGoesToErrorSayingHowMuchWasPromisedAndHowMuchArrived() throws Exception {
        byte[] pcm = TestClips.pcm16(16000, 1.0);
        byte[] wav = TestClips.wav16(16000, pcm);
        Path target = settings.inbox().resolve("cut/short.wav");
        Files.createDirectories(target.getParent());
        Files.write(target, Arrays.copyOf(wav, 44 + 6400)); // the writer died after 0.2 s of 1 s
        JsonNode error = awaitError("cut/short.wav");
        assertEquals("read", error.get("stage").asText());
        String reason = error.get("reason").asText();
        assertTrue(reason.contains("promised 32000 bytes") && reason.contains("6400 arrived"), reason);
        assertTrue(standIn.drives().stream().noneMatch(d -> d.taskId().equals("cut")), "an incomplete clip was spoken");
        drop("cut/next.wav", TestClips.wav16(16000, TestClips.pcm16(16000, 0.2)));
        awaitDone("cut/next.wav");
    }

    @Test
    void aSymbolicLinkIsFiledInErrorAsALinkAndItsTargetIsNeverRead() throws Exception {
        Path secret = Files.write(outside.resolve("secret.pcm"), TestClips.pcm16(16000, 0.3));
        Path link = settings.inbox().resolve("linked/x.pcm");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, secret);
        JsonNode error = awaitError("linked/x.pcm");
        assertTrue(error.get("reason").asText().contains("linked/x.pcm: a symbolic link"), error.toString());
        assertTrue(Files.isSymbolicLink(settings.error().resolve("linked/x.pcm")), "the link itself is filed");
        assertTrue(Files.exists(secret), "the target stays where it is");
        assertTrue(standIn.drives().stream().noneMatch(d -> d.taskId().equals("linked")), "a link was read");
    }

    @Test
    void aTaskFolderThatIsALinkIsFiledInErrorAndNothingInItIsReadOrMoved() throws Exception {
        Path elsewhere = Files.createDirectories(outside.resolve("elsewhere"));
        Path clip = Files.write(elsewhere.resolve("a.wav"), TestClips.wav16(16000, TestClips.pcm16(16000, 0.2)));
        Files.createDirectories(settings.inbox());
        Files.createSymbolicLink(settings.inbox().resolve("via-link"), elsewhere);
        JsonNode error = awaitError("via-link");
        assertTrue(error.get("reason").asText().contains("via-link: a symbolic link"), error.toString());
        assertTrue(Files.exists(clip), "the linked folder's clip stays where it is");
        assertFalse(Files.exists(settings.inbox().resolve("via-link")));
        assertTrue(standIn.drives().stream().noneMatch(d -> d.taskId().equals("via-link")), "a linked folder was read");
    }

    @Test
    void aClipDroppedAgainWithTheSameNameSizeAndTimeButOtherContentIsSpokenAgain() throws Exception {
        byte[] first = TestClips.pcm16(16000, 0.3);
        byte[] second = first.clone();
        Arrays.fill(second, 0, 2000, (byte) 7);
        FileTime time = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        Path dropped = drop("again/same.pcm", first);
        Files.setLastModifiedTime(dropped, time);
        String firstDrive = awaitDone("again/same.pcm").get("driveId").asText();
        // as cp -p, rsync -t or unzip bring it back: same name, same size, same time, other audio
        Path staged = Files.write(outside.resolve("same.pcm"), second);
        Files.setLastModifiedTime(staged, time);
        Files.move(staged, settings.inbox().resolve("again/same.pcm"));
        JsonNode again = awaitDone("again/same-2.pcm");
        assertFalse(firstDrive.equals(again.get("driveId").asText()), "filed with the old report, not spoken");
        assertEquals(TestClips.sha256(second), heardCompleted(again.get("driveId").asText()).sha256());
    }

    @Test
    void aNameWithABackslashIsFiledInErrorOnceWithAReasonAndTheNextClipIsDriven() throws Exception {
        drop("slash/back\\slash.wav", TestClips.wav16(16000, TestClips.pcm16(16000, 0.2)));
        JsonNode error = awaitError("slash/back\\slash.wav");
        assertTrue(error.get("reason").asText().contains("a name with a backslash"), error.toString());
        drop("slash/fine.wav", TestClips.wav16(16000, TestClips.pcm16(16000, 0.2)));
        awaitDone("slash/fine.wav");
        assertTrue(standIn.drives().stream().filter(d -> d.taskId().equals("slash")).count() == 1,
                "only the fine clip is driven");
    }
}
