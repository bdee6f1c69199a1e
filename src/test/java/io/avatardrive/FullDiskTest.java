package io.avatardrive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.avatardrive.support.RunningApp;
import io.avatardrive.support.TestClips;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The data folder on a small tmpfs that fills up, with the application started as the README says: clips wait in the
 * inbox unspoken while their record cannot be kept and are each spoken once when space returns, with no debris; an
 * embedded broker that loses its disk makes the process exit for its supervisor.
 */
class FullDiskTest {

    @TempDir
    Path temp;
    private Path disk;

    /** A 48 MB tmpfs: the broker's journal takes 20 MB of it at start. Needs root, as CI has; skipped otherwise. */
    @BeforeEach
    void mountSmallDisk() throws Exception {
        disk = Files.createDirectories(temp.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes());
        assumeTrue(mount.waitFor() == 0, "skipped: a tmpfs cannot be mounted here (needs root, as CI runs): " + said);
    }

    @AfterEach
    void unmount() throws Exception {
        new ProcessBuilder("umount", "-l", disk.toString()).start().waitFor();
    }

    /** Writes until the disk is full; returns the filler, whose removal gives the space back. */
    private Path fill() throws IOException {
        Path filler = disk.resolve("filler");
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            return filler;
        }
    }

    private static long count(String text, String part) {
        return text.lines().filter(line -> line.contains(part)).count();
    }

    @Test
    void clipsWaitUnspokenWhileTheDiskIsFullThenAreEachSpokenOnceAndFiledWithoutDebris() throws Exception {
        try (RunningApp app = RunningApp.start(disk, List.of())) {
            Path staging = Files.createDirectories(disk.resolve("staging"));
            Path task = Files.createDirectories(disk.resolve("inbox/full-disk"));
            for (int i = 0; i < 3; i++) {
                Files.write(staging.resolve("clip-" + i + ".wav"), TestClips.wav16(16000, TestClips.pcm16(16000, 0.3)));
            }
            Path filler = fill();
            for (int i = 0; i < 3; i++) {
                Files.move(staging.resolve("clip-" + i + ".wav"), task.resolve("clip-" + i + ".wav"));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> count(app.output(), "waits in the inbox") == 3);
            assertEquals(0, count(app.output(), "DriveSteps - Driving "), app.output());

            Files.delete(filler);
            for (int i = 0; i < 3; i++) {
                Path report = disk.resolve("done/full-disk/clip-" + i + ".wav.json");
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(report));
            }
            assertEquals(3, count(app.output(), "DriveSteps - Driving "), app.output());
            assertTrue(app.isAlive(), app.output());
            try (Stream<Path> files = Files.walk(disk.resolve("done"))) {
                assertFalse(files.anyMatch(f -> f.toString().endsWith(".part")), "a .part was left in done/");
            }
            try (Stream<Path> files = Files.walk(disk.resolve("inbox"))) {
                assertEquals(List.of(), files.filter(Files::isRegularFile).toList());
            }
        }
    }

    @Test
    void anEmbeddedBrokerThatLosesItsDiskMakesTheProcessExitForItsSupervisor() throws Exception {
        int broker = AvailablePortFinder.getNextAvailable();
        try (RunningApp app = RunningApp.start(disk, List.of("-Dbroker.port=" + broker))) {
            fill();
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + broker
                                                                              + "?callTimeout=5000");
            try (Connection connection = factory.createConnection()) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                for (int i = 0; i < 20 && app.isAlive(); i++) {
                    BytesMessage message = session.createBytesMessage();
                    message.writeBytes(new byte[256 * 1024]);
                    message.setStringProperty("TaskId", "no-room");
                    session.createProducer(session.createQueue("avatar.drive")).send(message);
                }
            } catch (Exception refused) {
                // the broker refused or went away: what matters is what the process does next
            }
            Integer status = app.awaitExit(Duration.ofSeconds(60));
            assertEquals(75, status, app.output());
            assertTrue(app.output().contains("the embedded broker stopped on its own"), app.output());
        }
    }
}
