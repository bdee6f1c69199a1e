package io.avatardrive.queue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.avatardrive.drive.DriveFailedException;
import io.avatardrive.drive.FailureReport;
import io.avatardrive.drive.Stage;
import io.avatardrive.ingress.DrivenMessages;
import io.avatardrive.ingress.IncomingMessage;
import io.avatardrive.ingress.MessageInterrupts;
import io.avatardrive.ingress.MessagePieces;
import io.avatardrive.ingress.MessageSteps;
import io.avatardrive.drive.TaskInterrupts;
import io.avatardrive.support.Pipelines;
import io.avatardrive.vendor.Retry;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * routes/queue.yaml's retries, without a broker or a vendor: the drive is replaced by one that fails, the broker's
 * endpoints by a mock, so what is left is the queue's own error handling and the shared redelivery policy.
 */
class QueueRetryRouteTest extends CamelTestSupport {

    private static final long DELAY_MS = 60;

    @TempDir
    static Path data;

    /** When each attempt at the drive began, and the failure it reports. */
    private final List<Long> attempts = new CopyOnWriteArrayList<>();
    private volatile FailureReport failure;
    private volatile byte[] deadBody;

    /** A message as a publisher in any language sends it: a body and string properties. */
    private record Published(String id, Map<String, Object> properties, byte[] body) implements IncomingMessage {
        @Override
        public Object property(String name) {
            return properties.get(name);
        }

        @Override
        public int deliveries() {
            return 1;
        }

        @Override
        public long writeBody(OutputStream out, Charset textCharset, long maxBytes) throws IOException {
            out.write(body);
            return body.length;
        }
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        Map<String, String> p = Map.of("zego.task-id", "t", "drive.inbox", data.resolve("inbox").toString(),
                "drive.done", data.resolve("done").toString(), "drive.error", data.resolve("error").toString(),
                "drive.driven-clips", data.resolve("driven-clips.log").toString(),
                "drive.retry-delay-ms", Long.toString(DELAY_MS), "drive.max-redeliveries", "3",
                "drive.queue", "q", "drive.results-queue", "q.results", "drive.dead-letter-queue", "q.dlq");
        List<RoutesBuilder> routes = Pipelines.wire(context, p, List.of("queue.yaml"));
        DrivenMessages driven = new DrivenMessages(data.resolve("driven.txt"));
        MessageSteps steps = new MessageSteps(data.resolve("spool"), 3, "t", driven);
        MessageInterrupts interrupts = new MessageInterrupts(context.getRegistry().lookupByNameAndType(
                TaskInterrupts.BEAN, TaskInterrupts.class), "t");
        context.getRegistry().bind("jmsMessages", (Processor) exchange -> { });
        context.getRegistry().bind("drivenMessages", driven);
        context.getRegistry().bind("queueSteps", steps);
        context.getRegistry().bind("queueMessageInterrupts", interrupts);
        context.getRegistry().bind("queueInterrupts", new QueueInterrupts(interrupts));
        context.getRegistry().bind("queuePieces", new MessagePieces(null, interrupts, 1000, "t", null, "mock:results"));
        // the drive, in its lane, as it fails when the vendor is busy every time
        context.getRegistry().bind("queueLanes", (Processor) exchange -> {
            attempts.add(System.nanoTime());
            throw new DriveFailedException(failure);
        });
        return routes.toArray(RoutesBuilder[]::new);
    }

    private void adviseBrokerAway() throws Exception {
        AdviceWith.adviceWith(context, "queue-ingress", a -> {
            a.replaceFromWith("direct:queue");
            a.weaveByToUri("jms:*").replace().to("mock:broker");
        });
        AdviceWith.adviceWith(context, "queue-pieces", a -> a.replaceFromWith("direct:pieces"));
        AdviceWith.adviceWith(context, "queue-piece", a -> a.weaveByToUri("jms:*").replace().to("mock:broker"));
        AdviceWith.adviceWith(context, "queue-interrupts", a -> a.replaceFromWith("direct:interrupts"));
        context.start();
    }

    @Test
    void aBusyVendorIsRetriedWithADoublingBackOffThenDeadLetteredWithItsStageReasonAndCode() throws Exception {
        failure = new FailureReport("a.wav", "t1", Stage.API, "zego", 100000002L, "busy", "a.wav: busy", Retry.LATER);
        adviseBrokerAway();
        MockEndpoint broker = getMockEndpoint("mock:broker");
        broker.expectedMessageCount(1);
        // the dead letter's body is the spooled clip, read as the broker would while the message is still in hand
        broker.whenAnyExchangeReceived(e -> deadBody = e.getMessage().getBody(byte[].class));

        template.sendBody("direct:queue", new Published("ID:1", Map.of("TaskId", "t1", "ClipName", "a.wav"),
                new byte[] {1, 2, 3, 4}));

        broker.assertIsSatisfied(TimeUnit.SECONDS.toMillis(10));
        assertEquals(4, attempts.size(), "the first attempt and drive.max-redeliveries = 3 more");
        for (int i = 1; i < attempts.size(); i++) {
            long gapMs = TimeUnit.NANOSECONDS.toMillis(attempts.get(i) - attempts.get(i - 1));
            long backOff = DELAY_MS << (i - 1);
            assertTrue(gapMs >= backOff, "attempt " + (i + 1) + " came " + gapMs + " ms after the one before, not after "
                                         + backOff + " ms");
        }
        Exchange dead = broker.getReceivedExchanges().get(0);
        assertEquals("api", dead.getMessage().getHeader(MessageSteps.DEAD_STAGE));
        assertEquals("a.wav: busy", dead.getMessage().getHeader(MessageSteps.DEAD_REASON));
        assertEquals(100000002L, dead.getMessage().getHeader(MessageSteps.DEAD_CODE));
        assertEquals("t1", dead.getMessage().getHeader("TaskId"));
        assertEquals("a.wav", dead.getMessage().getHeader("ClipName"));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, deadBody, "the clip's bytes");
        try (Stream<Path> spooled = Files.list(data.resolve("spool"))) {
            assertEquals(List.of(), spooled.toList(), "the spool file is deleted once its message is done");
        }
    }

    @Test
    void aClipTheVendorRefusesForGoodIsDeadLetteredAtOnce() throws Exception {
        failure = new FailureReport("b.wav", "t2", Stage.API, "zego", 400000005L, "no task", "b.wav: no such task",
                Retry.NEVER);
        adviseBrokerAway();
        MockEndpoint broker = getMockEndpoint("mock:broker");
        broker.expectedMessageCount(1);

        template.sendBody("direct:queue", new Published("ID:2", Map.of("TaskId", "t2", "ClipName", "b.wav"),
                "x".getBytes(StandardCharsets.ISO_8859_1)));

        broker.assertIsSatisfied(TimeUnit.SECONDS.toMillis(10));
        assertEquals(1, attempts.size(), "a permanent failure is not tried again");
        assertEquals("b.wav: no such task", broker.getReceivedExchanges().get(0).getMessage()
                .getHeader(MessageSteps.DEAD_REASON));
    }
}
