package io.avatardrive.drive;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.avatardrive.fourth.LoopbackBackend;
import io.avatardrive.support.TemplateDrives;
import io.avatardrive.support.TestClips;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fourth vendor is one package and one bean: the drive finds it by type and drives it by name, unchanged. */
class FourthBackendTest {

    /** What the loopback vendor's socket heard in one drive: its path, its texts, and the audio between them. */
    private record Heard(String path, List<String> texts, byte[] audio) {
    }

    @Test
    void aBackendBoundAsABeanGetsItsTicketAndIsDrivenStartAudioStopByName() throws Exception {
        Vertx vertx = Vertx.vertx();
        CompletableFuture<Heard> heard = new CompletableFuture<>();
        HttpServer server = vertx.createHttpServer().webSocketHandler(socket -> {
            List<String> texts = new CopyOnWriteArrayList<>();
            ByteArrayOutputStream audio = new ByteArrayOutputStream();
            socket.textMessageHandler(text -> {
                texts.add(text);
                if (text.equals("stop")) {
                    heard.complete(new Heard(socket.path(), List.copyOf(texts), audio.toByteArray()));
                }
            });
            socket.binaryMessageHandler(buffer -> audio.writeBytes(buffer.getBytes()));
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        try (CamelContext context = new DefaultCamelContext()) {
            LoopbackBackend backend = new LoopbackBackend("ws://127.0.0.1:" + server.actualPort());
            context.getRegistry().bind("loopbackBackend", backend);
            Properties properties = new Properties();
            properties.setProperty("drive.lead-ms", "100");
            context.getPropertiesComponent().setInitialProperties(properties);
            context.addRoutes(new AvatarDriveRoute());
            TemplatedRouteBuilder.builder(context, AvatarDriveRoute.TEMPLATE)
                    .parameter(AvatarDriveRoute.ENDPOINT_PARAMETER, "direct:fourth")
                    .parameter("drive.backend", "loopback")
                    .parameter("zego.task-id", "fourth-task")
                    .add();
            context.start();

            byte[] pcm = TestClips.pcm16(16000, 0.6);
            Object outcome = context.createProducerTemplate().requestBodyAndHeader("direct:fourth", pcm,
                    AvatarDriveConstants.SAMPLE_RATE, 16000);

            DriveReport report = assertInstanceOf(DriveReport.class, outcome, String.valueOf(outcome));
            assertEquals(Outcome.DRIVEN, report.outcome());
            assertEquals("loopback", report.backend());
            assertEquals(List.of("fourth-task"), backend.ticketsFor);
            Heard drive = heard.get(5, TimeUnit.SECONDS);
            assertEquals("/" + report.driveId(), drive.path());
            assertEquals(List.of("start 16000", "stop"), drive.texts());
            assertArrayEquals(pcm, drive.audio());
            assertEquals(3, report.chunks(), "200 ms chunks of the backend's own size");
        } finally {
            server.close();
            vertx.close();
        }
    }

    @Test
    void aDriveBackendNobodyInstalledStopsTheInstanceFromBeingMadeNamingTheInstalledOnes() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new AvatarDriveRoute());
            Exception e = assertThrows(Exception.class, () -> {
                TemplatedRouteBuilder.builder(context, AvatarDriveRoute.TEMPLATE)
                        .parameter(AvatarDriveRoute.ENDPOINT_PARAMETER, "direct:fourth")
                        .parameter("drive.backend", "heygen")
                        .add();
                context.start();
            });
            String messages = "";
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages += t.getMessage() + "\n";
            }
            assertTrue(messages.contains("drive.backend must be one of volc-tta, zego, was 'heygen'"), messages);
        }
    }

    @Test
    void aClipNamingABackendNobodyInstalledIsRefusedNamingTheInstalledOnes() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("loopbackBackend", new LoopbackBackend("ws://127.0.0.1:9"));
            context.addRoutes(new AvatarDriveRoute());
            TemplatedRouteBuilder.builder(context, AvatarDriveRoute.TEMPLATE)
                    .parameter(AvatarDriveRoute.ENDPOINT_PARAMETER, "direct:fourth")
                    .parameter("zego.task-id", "fourth-task")
                    .add();
            context.start();

            Object outcome = TemplateDrives.outcome(() -> context.createProducerTemplate().requestBodyAndHeaders(
                    "direct:fourth", new byte[3200], java.util.Map.of(AvatarDriveConstants.BACKEND, "heygen",
                            AvatarDriveConstants.CLIP_NAME, "a.pcm", AvatarDriveConstants.FORMAT, "pcm")));

            FailureReport failure = assertInstanceOf(FailureReport.class, outcome);
            assertEquals(Stage.READ, failure.stage());
            assertTrue(failure.reason().contains("Backend 'heygen' is not one of loopback, volc-tta, zego"), failure.reason());
        }
    }
}
