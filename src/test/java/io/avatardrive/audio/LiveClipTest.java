package io.avatardrive.audio;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveClipTest {

    /** A piece of 100 ms of 16 kHz PCM, not starting with RIFF. */
    private static byte[] piece() {
        byte[] pcm = new byte[3200];
        pcm[0] = 1;
        return pcm;
    }

    @Test
    void aLiveClipWhoseFirstPieceWasTakenToTellWavFromPcmIsReadableWithoutWaitingForTheNextPiece() throws Exception {
        // a queue piece 0 does not say whether it is WAV or PCM: opening it reads its first bytes out of the source
        LiveAudio audio = new LiveAudio(60_000, "drive.utterance-gap-ms");
        audio.append(piece());
        PcmClip clip = new PcmNormaliser(16000).open("utterance", audio, 16000).asLive(audio::readable);

        CompletableFuture<Void> readable = clip.readable().toCompletableFuture();

        assertTrue(readable.isDone(), "the first piece waits in the clip's own buffer, yet the drive would wait for the"
                                      + " second piece before sending it");
        assertEquals(3200, clip.pcm().readNBytes(3200).length);
    }

    @Test
    void aLiveClipWithNothingLeftWaitsForItsProducer() throws Exception {
        LiveAudio audio = new LiveAudio(60_000, "drive.utterance-gap-ms");
        audio.append(piece());
        PcmClip clip = new PcmNormaliser(16000).open("utterance", audio, 16000).asLive(audio::readable);
        clip.pcm().readNBytes(3200);

        CompletableFuture<Void> readable = clip.readable().toCompletableFuture();

        assertTrue(!readable.isDone(), "nothing is left to read, so the drive waits for the next piece");
        audio.append(piece());
        assertTrue(readable.isDone(), "the next piece makes it readable");
    }
}
