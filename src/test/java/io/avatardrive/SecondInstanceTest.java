package io.avatardrive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second instance started in another folder beside a running one: on a port the first holds it refuses to start,
 * naming the port and its setting, and never reaches the first one's broker.
 */
class SecondInstanceTest {

    private static final int BROKER = AvailablePortFinder.getNextAvailable();
    private static final int MANAGEMENT = AvailablePortFinder.getNextAvailable();
    private static Process first;
    private static final StringBuffer FIRST_OUTPUT = new StringBuffer();
    private static Path firstData;

    @BeforeAll
    static void startFirst() throws Exception {
        firstData = Files.createTempDirectory("first");
        Files.createDirectories(firstData.resolve("spool"));
        Files.write(firstData.resolve("spool/clip-left-by-kill.bin"), new byte[100]);
        first = instance(firstData, BROKER, MANAGEMENT, FIRST_OUTPUT);
        await().atMost(Duration.ofSeconds(60)).until(() -> FIRST_OUTPUT.toString().contains(") started in"));
    }

    @AfterAll
    static void stopFirst() throws Exception {
        first.destroy();
        first.waitFor(30, TimeUnit.SECONDS);
        first.destroyForcibly();
    }

    private static Process instance(Path data, int brokerPort, int managementPort, StringBuffer output) throws Exception {
        ProcessLifecycleTest app = new ProcessLifecycleTest();
        app.data = data;
        return app.start(new CountDownLatch(1), List.of("-Dbroker.port=" + brokerPort,
                "-Dmanagement.port=" + managementPort), output);
    }

    private static void assertRefusesToStart(int brokerPort, int managementPort, String setting) throws Exception {
        StringBuffer output = new StringBuffer();
        Process second = instance(Files.createTempDirectory("second"), brokerPort, managementPort, output);
        try {
            assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the second instance kept running:\n" + output);
            assertNotEquals(0, second.exitValue(), "it exited as if all was well:\n" + output);
            assertTrue(output.toString().contains(setting + ": port "), "the message does not name " + setting + ":\n"
                                                                          + output);
            assertFalse(output.toString().contains(") started in"), "it logged started:\n" + output);
        } finally {
            second.destroyForcibly();
        }
    }

    @Test
    void aTakenBrokerPortStopsTheStartNamingBrokerPort() throws Exception {
        assertRefusesToStart(BROKER, AvailablePortFinder.getNextAvailable(), "broker.port");
    }

    @Test
    void aTakenManagementPortStopsTheStartNamingManagementPort() throws Exception {
        assertRefusesToStart(AvailablePortFinder.getNextAvailable(), MANAGEMENT, "management.port");
    }

    @Test
    void spoolFilesAKilledRunLeftAreRemovedAtTheNextStart() {
        assertFalse(Files.exists(firstData.resolve("spool/clip-left-by-kill.bin")), FIRST_OUTPUT.toString());
    }
}
