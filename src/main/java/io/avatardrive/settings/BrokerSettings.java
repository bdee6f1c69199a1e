package io.avatardrive.settings;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;


/** Where clips arrive by message: the embedded Artemis broker by default, or an external one when broker.url is set. */
public record BrokerSettings(
        String url,
        String username,
        String password,
        Path dataDir,
        String host,
        int port,
        String queue,
        String resultsQueue,
        String deadLetterQueue,
        int maxRedeliveries,
        int consumers,
        Path spool) {

    public static BrokerSettings from(Function<String, Optional<String>> lookup) {
        Function<String, String> text = key -> lookup.apply(key).map(String::trim).orElse("");
        DriveSettings.Reader r = new DriveSettings.Reader(lookup);
        BrokerSettings settings = new BrokerSettings(
                text.apply("broker.url"),
                text.apply("broker.username"),
                text.apply("broker.password"),
                r.path("broker.data", "data/broker"),
                r.text("broker.host", "127.0.0.1"),
                r.positive("broker.port", 61616),
                r.text("drive.queue", "avatar.drive"),
                r.text("drive.results-queue", "avatar.drive.results"),
                r.text("drive.dead-letter-queue", "avatar.drive.DLQ"),
                r.nonNegative("drive.max-redeliveries", 3),
                r.positive("drive.queue-consumers", 64),
                r.path("drive.spool", "data/spool"));
        r.failIfProblems();
        return settings;
    }

    /** The embedded broker listens beyond loopback only with a login; refuse the start otherwise, naming both settings. */
    public void requireLoginBeyondLoopback() {
        if (embedded() && (username.isBlank() || password.isBlank())) {
            Loopback.require("broker.host", host, "broker.username and broker.password");
        }
    }

    /** Whether the embedded broker requires a login. */
    public boolean secured() {
        return !username.isBlank();
    }

    /**
     * The multicast address a broker divert copies every interrupt on the drive queue to, so that each instance sees it
     * at once rather than behind the drive the task's consumer is busy with: {@code <drive.queue>.interrupts}.
     */
    public String interruptsTopic() {
        return queue + ".interrupts";
    }

    /**
     * The queue a broker divert moves every piece of a live utterance on the drive queue to (filter
     * {@value #PIECE_FILTER}): {@code <drive.queue>.pieces}. Its consumers take each piece at once, outside the
     * transaction that holds a clip until its Stop, so that no piece waits for a commit of its own.
     */
    public String piecesQueue() {
        return queue + ".pieces";
    }

    /** The filter of the divert to {@link #piecesQueue()}: a message that is a piece of an utterance. */
    public static final String PIECE_FILTER = "UtteranceId IS NOT NULL";

    /** With no broker.url the broker runs in this process. */
    public boolean embedded() {
        return url.isBlank();
    }

    /**
     * The embedded broker's in-VM acceptor, numbered by its TCP port so that two brokers in one JVM (tests) never meet:
     * the routes reach their own broker in this process, never over a TCP port another process may own.
     */
    public String inVmUrl() {
        return "vm://" + port;
    }

    /**
     * The client URL; a consumer window of 0 makes the broker hand a message only to a consumer that is free, so a new
     * TaskId's group goes to an idle consumer rather than queueing behind a busy one.
     */
    public String clientUrl() {
        String base = embedded() ? inVmUrl() : url;
        return base.contains("consumerWindowSize") ? base : base + (base.contains("?") ? "&" : "?") + "consumerWindowSize=0";
    }

    @Override
    public String toString() {
        return "BrokerSettings[url=" + (embedded() ? "embedded tcp://" + host + ":" + port : url) + ", queue=" + queue
               + ", resultsQueue=" + resultsQueue + ", deadLetterQueue=" + deadLetterQueue + ", maxRedeliveries="
               + maxRedeliveries + ", consumers=" + consumers + "]";
    }
}
