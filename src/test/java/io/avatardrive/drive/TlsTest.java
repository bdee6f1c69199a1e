package io.avatardrive.drive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.avatardrive.standin.ZegoStandIn;
import io.avatardrive.support.TemplateDrives;
import io.avatardrive.support.TestClips;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stand-in with a self-signed certificate: the drive socket skips verification only while zego.ws-trust-all is true,
 * and the DriveByWsStream call always verifies.
 */
class TlsTest {

    private static final String SECRET = "tlssecret0123456789abcdef0123456";
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    static Path keystore;

    @BeforeAll
    static void selfSignedCertificate() throws Exception {
        keystore = dir.resolve("standin.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "standin", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
                new String(keytool.getInputStream().readAllBytes()));
        assertTrue(Files.size(keystore) > 0);
    }

    private static Object drive(ZegoStandIn standIn, String trustAll) throws Exception {
        return TemplateDrives.driveOnce(standIn, "2468", SECRET, Map.of("zego.task-id", "tls-task",
                "zego.ws-trust-all", trustAll, "drive.lead-ms", "200"), TestClips.pcm16(16000, 0.3), 16000);
    }

    @Test
    void aWssSocketWithASelfSignedCertificateIsDrivenWhenTrustAllIsOn() throws Exception {
        try (ZegoStandIn standIn = new ZegoStandIn("2468", SECRET).secureSockets(keystore, PASSWORD)
                .start(AvailablePortFinder.getNextAvailable())) {
            DriveReport report = assertInstanceOf(DriveReport.class, drive(standIn, "true"));
            assertEquals(9600, report.bytes());
            assertTrue(standIn.awaitCompleted(1, java.time.Duration.ofSeconds(5)));
        }
    }

    @Test
    void theSameSocketFailsToConnectWhenTrustAllIsOff() throws Exception {
        try (ZegoStandIn standIn = new ZegoStandIn("2468", SECRET).secureSockets(keystore, PASSWORD)
                .start(AvailablePortFinder.getNextAvailable())) {
            FailureReport failure = assertInstanceOf(FailureReport.class, drive(standIn, "false"));
            assertEquals(Stage.CONNECT, failure.stage());
            assertTrue(failure.isTransient(), "a TLS failure is retried with a new DriveId");
            assertTrue(standIn.completedDrives().isEmpty());
        }
    }

    @Test
    void theApiCallVerifiesTheCertificateEvenWithTrustAllOn() throws Exception {
        try (ZegoStandIn standIn = new ZegoStandIn("2468", SECRET).secureApi(keystore, PASSWORD)
                .start(AvailablePortFinder.getNextAvailable())) {
            FailureReport failure = assertInstanceOf(FailureReport.class, drive(standIn, "true"));
            assertEquals(Stage.API, failure.stage());
            assertTrue(failure.reason().contains("SSL") || failure.reason().contains("certification")
                       || failure.reason().contains("PKIX"), failure.reason());
            assertTrue(standIn.drives().isEmpty(), "no DriveId may be issued over an unverified connection");
        }
    }
}
