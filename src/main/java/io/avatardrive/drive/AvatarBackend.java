package io.avatardrive.drive;

import java.util.concurrent.CompletableFuture;

import io.avatardrive.audio.PcmChunker;
import io.avatardrive.audio.PcmClip;
import io.avatardrive.settings.DriveSettings;
import io.avatardrive.vendor.AvatarSession;
import io.avatardrive.vendor.SocketClients;

/**
 * An avatar vendor as the drive sees it, so that the drive never branches on a vendor's name: what it takes, whether
 * it needs a ticket per drive, how its session opens and how its audio is cut. A vendor is one package with one
 * implementation, listed in {@code META-INF/services} or bound as a bean (see {@link AvatarBackends}).
 */
public interface AvatarBackend {

    /** The name a clip's {@code Backend} or {@code drive.backend} chooses it by, and reports carry. */
    String name();

    /** The setting without which it has no account here, named when a clip or a start is refused for want of it. */
    String accountKey();

    boolean hasAccount(DriveSettings settings);

    /** Whether its avatar says words itself (text or SSML), rather than only being fed audio. */
    default boolean takesText() {
        return false;
    }

    /** The longest text it says, in characters; only asked when it {@link #takesText() takes text}. */
    default int maxTextChars(DriveSettings settings) {
        return 0;
    }

    /** The setting that sets {@link #maxTextChars}, named when a text is refused for its length. */
    default String maxTextCharsKey() {
        return "its text limit";
    }

    /** The one sample rate its audio must have, or 0 when it takes the clip's own drivable rate. */
    default int sampleRate() {
        return 0;
    }

    /** How long one chunk of its audio is. */
    int chunkMs(DriveSettings settings);

    /** The clip cut into the chunks it takes. */
    default PcmChunker chunker(PcmClip clip, DriveSettings settings) {
        return new PcmChunker(clip, chunkMs(settings));
    }

    /** Whether each drive first needs a {@link #ticket} from the vendor's API, within a quota. */
    default boolean needsTicket() {
        return false;
    }

    /** Whose quota a ticket spends (the drive throttles calls per key), and how much of it, in tenths per second. */
    default String quotaKey(DriveSettings settings) {
        return name();
    }

    default int quotaPermits(DriveSettings settings) {
        return 1;
    }

    /**
     * The vendor's ticket for one drive of a task, holding no thread while it waits: a vendor's refusal fails it with
     * a {@link io.avatardrive.vendor.VendorException}, anything else with a {@link DriveFailure} naming its stage.
     */
    default CompletableFuture<Object> ticket(String taskId, DriveSettings settings) {
        return CompletableFuture.completedFuture(null);
    }

    /** A session for one drive, not yet open: nothing is sent before {@link AvatarSession#open()}. */
    AvatarSession session(SessionRequest request);

    /**
     * A session with a WebSocket sink on loopback, through the same client and frames a drive uses, so that readiness
     * can wait until they are loaded; null if this backend has nothing to warm.
     */
    default AvatarSession warmUpSession(SocketClients clients, String loopbackUrl) {
        return null;
    }

    /** What opening one drive's session needs. */
    record SessionRequest(SocketClients clients, DriveSettings settings, String clipName, int sampleRate, boolean text,
                          Object ticket) {
    }
}
