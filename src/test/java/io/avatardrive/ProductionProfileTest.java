package io.avatardrive;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.avatardrive.standin.ZegoStandIn;
import io.avatardrive.support.TestClips;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * camel-main's prod profile: a vendor account that is not set is an error that names its key, never a local stand-in,
 * while the default run keeps its stand-ins (ProcessLifecycleTest).
 */
class ProductionProfileTest {

    @TempDir
    Path data;

    private Process start(List<String> settings, Map<String, String> environment, StringBuffer output) throws Exception {
        return ProcessLifecycleTest.startIn(data, settings, environment, output);
    }

    @Test
    void theProdProfileWithoutAZegoAccountStopsTheStartNamingTheKeyInsteadOfDrivingAStandIn() throws Exception {
        StringBuffer output = new StringBuffer();
        Process process = start(List.of(), Map.of("CAMEL_MAIN_PROFILE", "prod"), output);
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "it started anyway:\n" + output);
            assertEquals(2, process.exitValue(), output.toString());
            assertTrue(output.toString().contains("zego.app-id (env ZEGO_APP_ID)"), output.toString());
            assertFalse(output.toString().contains("STAND-IN"), output.toString());
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void theProdProfileWithAZegoAccountStartsWithNoStandInAndRefusesAVolcengineClipByItsMissingKey() throws Exception {
        try (ZegoStandIn vendor = new ZegoStandIn("4242", "prod0profile0secret0123456789012", 10, 300)
                .start(AvailablePortFinder.getNextAvailable())) {
            int broker = AvailablePortFinder.getNextAvailable();
            StringBuffer output = new StringBuffer();
            Process process = start(List.of("-Dcamel.main.profile=prod", "-Dbroker.port=" + broker,
                    "-Dzego.app-id=4242", "-Dzego.server-secret=prod0profile0secret0123456789012",
                    "-Dzego.task-id=t", "-Dzego.api-url=" + vendor.apiUrl()), Map.of(), output);
            try {
                await().atMost(java.time.Duration.ofSeconds(60)).until(() -> output.toString().contains(") started in"));
                assertFalse(output.toString().contains("STAND-IN"), output.toString());
                try (Connection jms = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + broker).createConnection()) {
                    jms.start();
                    Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    BytesMessage clip = session.createBytesMessage();
                    clip.writeBytes(TestClips.wav16(16000, TestClips.pcm16(16000, 0.2)));
                    clip.setStringProperty("TaskId", "t");
                    clip.setStringProperty("ClipName", "for-volc.wav");
                    clip.setStringProperty("Backend", "volc-tta");
                    session.createProducer(session.createQueue("avatar.drive")).send(clip);
                    Message dead = session.createConsumer(session.createQueue("avatar.drive.DLQ")).receive(30_000);
                    assertNotNull(dead, "no dead letter:\n" + output);
                    assertTrue(dead.getStringProperty("DriveReason").contains("volc.app-id is not set"),
                            dead.getStringProperty("DriveReason"));
                }
            } finally {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
                process.destroyForcibly();
            }
        }
    }
}
