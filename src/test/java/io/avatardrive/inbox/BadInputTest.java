package io.avatardrive.inbox;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.support.DriveTestSupport;
import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inputs an operator will drop sooner or later: each ends in done/ or error/ with a reason, and the next is driven. */
class BadInputTest extends DriveTestSupport {

    @Override
    protected java.util.Map<String, String> properties() {
        java.util.Map<String, String> p = super.properties();
        p.put("drive.incomplete-timeout-ms", "300");
        return p;
    }

    private static final byte[] CLIP = TestClips.wav16(16000, TestClips.pcm16(16000, 0.2));

    @Test
    void aHundredthOfASecondIsDriven() throws Exception {
        byte[] pcm = TestClips.pcm16(16000, 0.01);
        drop("tiny.wav", TestClips.wav16(16000, pcm));
        JsonNode report = awaitDone("tiny.wav");
        assertEquals(320, report.get("bytes").asLong());
        assertEquals(TestClips.sha256(pcm), heardCompleted(report.get("driveId").asText()).sha256());
    }

    @Test
    void aNameWithSpacesAndNonAsciiCharactersIsDrivenAndFiledUnderItsName() throws Exception {
        drop("grüße aus 東京.wav", CLIP);
        JsonNode report = awaitDone("grüße aus 東京.wav");
        assertEquals("grüße aus 東京.wav", report.get("file").asText());
        assertTrue(Files.exists(settings.done().resolve("grüße aus 東京.wav")));
    }

    @Test
    void aFolderNamedLikeNoValidTaskIdGoesToErrorAndTheNextClipIsDriven() throws Exception {
        drop("not a task!/a.wav", CLIP);
        JsonNode error = awaitError("not a task!/a.wav");
        assertEquals("read", error.get("stage").asText());
        assertTrue(error.get("reason").asText().contains("is not a valid TaskId"), error.toString());
        drop("fine-task/a.wav", CLIP);
        awaitDone("fine-task/a.wav");
    }

    @Test
    void aWavWhoseDataChunkIsLongerThanTheFileGoesToErrorOnceItStopsGrowing() throws Exception {
        byte[] wav = CLIP.clone();
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 10_000_000); // the data chunk's declared size
        drop("short.wav", wav);
        JsonNode error = awaitError("short.wav");
        assertTrue(error.get("reason").asText().contains("promised 10000000 bytes of audio, 6400 arrived"),
                error.toString());
    }

    @Test
    void aMuLawWavIsConvertedAndDriven() throws Exception {
        AudioFormat ulaw = new AudioFormat(AudioFormat.Encoding.ULAW, 8000, 8, 1, 1, 8000, false);
        byte[] samples = new byte[8000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (byte) (i % 200);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(samples), ulaw, samples.length),
                AudioFileFormat.Type.WAVE, out);
        drop("phone.wav", out.toByteArray());
        JsonNode report = awaitDone("phone.wav");
        assertEquals(16000, report.get("sampleRate").asInt());
        assertEquals(1000, report.get("audioMs").asLong(), 10);
    }

    @Test
    void anMp3InAWavWrapperIsRejectedWithAReason() throws Exception {
        byte[] wav = CLIP.clone();
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putShort(20, (short) 0x55); // WAVE_FORMAT_MPEGLAYER3
        drop("song.wav", wav);
        JsonNode error = awaitError("song.wav");
        assertEquals("decode", error.get("stage").asText());
        assertTrue(error.get("reason").asText().startsWith("song.wav: "), error.toString());
        drop("after.wav", CLIP);
        awaitDone("after.wav");
    }
}
