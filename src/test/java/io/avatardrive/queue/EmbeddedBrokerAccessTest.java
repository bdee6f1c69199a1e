package io.avatardrive.queue;

import java.time.Duration;
import java.util.List;

import io.avatardrive.support.QueueTestSupport;
import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The pipeline reaches its embedded broker in-VM: the TCP port is for publishers only (and their login). */
class EmbeddedBrokerAccessTest extends QueueTestSupport {

    @Test
    void thePipelinesOwnConnectionsToItsEmbeddedBrokerAreInVmNeverThroughTheTcpPort() throws Exception {
        publish(TestClips.wav16(16000, TestClips.pcm16(16000, 0.2)), "invm-task", null, "a.wav");
        assertEquals("driven", receiveReports(1, 30_000).get(0).path("outcome").asText());
        // the test's own TCP clients have closed; what stays is the pipeline's
        List<String> addresses = await().atMost(Duration.ofSeconds(10)).until(broker::connectionAddresses,
                list -> !list.isEmpty() && list.stream().allMatch(a -> a.startsWith("invm")));
        assertFalse(addresses.isEmpty(), "the pipeline holds connections to its broker");
    }
}
