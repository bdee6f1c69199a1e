package io.avatardrive.drive;

import java.io.FileInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.avatardrive.standin.StandInDrive;
import io.avatardrive.standin.ZegoStandIn;
import io.avatardrive.support.TestClips;
import io.avatardrive.support.VendorStandIns;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An existing Camel application embeds the drive: a plain CamelContext, its own route, no camel-main, folders or broker. */
class EmbeddedTemplateTest {

    @Test
    void aPlainCamelContextInstantiatesTheTemplateAndDrivesAClip() throws Exception {
        try (ZegoStandIn standIn = new ZegoStandIn("777", "embedsecret0123456789abcdef012345").start(
                AvailablePortFinder.getNextAvailable());
             CamelContext context = new DefaultCamelContext()) {
            // the application's own configuration, only by properties
            Properties properties = new Properties();
            properties.setProperty("zego.api-url", standIn.apiUrl());
            properties.setProperty("zego.app-id", "777");
            properties.setProperty("zego.server-secret", "embedsecret0123456789abcdef012345");
            context.getPropertiesComponent().setInitialProperties(properties);

            context.addRoutes(new AvatarDriveRoute());
            TemplatedRouteBuilder.builder(context, AvatarDriveRoute.TEMPLATE)
                    .routeId("my-avatar")
                    .parameter(AvatarDriveRoute.ENDPOINT_PARAMETER, "direct:speak")
                    .parameter("zego.task-id", "my-task")
                    .parameter("drive.lead-ms", "200")
                    .add();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:tts-output").routeId("my-tts").to("direct:speak");
                }
            });
            context.start();

            byte[] pcm = TestClips.pcm16(24000, 0.5);
            ProducerTemplate producer = context.createProducerTemplate();
            Object outcome = producer.requestBodyAndHeader("direct:tts-output", pcm, AvatarDriveConstants.SAMPLE_RATE, 24000);

            DriveReport report = assertInstanceOf(DriveReport.class, outcome);
            assertEquals("my-task", report.taskId());
            StandInDrive heard = standIn.drives().stream().filter(d -> d.driveId().equals(report.driveId())).findFirst().orElseThrow();
            standIn.awaitCompleted(1, java.time.Duration.ofSeconds(5));
            assertEquals(24000, heard.sampleRate());
            assertEquals(TestClips.sha256(pcm), heard.sha256());
        }
    }

    @Test
    void aVolcengineInstanceSaysAStringNamedAsTextInTheAvatarsOwnVoice() throws Exception {
        try (VendorStandIns vendors = new VendorStandIns(); CamelContext context = new DefaultCamelContext()) {
            vendors.volc.speechMsPerCharacter(10);
            Properties properties = new Properties();
            properties.putAll(vendors.addTo(new java.util.HashMap<>()));
            context.getPropertiesComponent().setInitialProperties(properties);
            context.addRoutes(new AvatarDriveRoute());
            TemplatedRouteBuilder.builder(context, AvatarDriveRoute.TEMPLATE)
                    .parameter(AvatarDriveRoute.ENDPOINT_PARAMETER, "direct:say")
                    .parameter("drive.backend", "volc-tta")
                    .parameter("zego.task-id", "host")
                    .add();
            context.start();

            Object outcome = context.createProducerTemplate().requestBodyAndHeader("direct:say", "欢迎回来。",
                    AvatarDriveConstants.CLIP_NAME, "greeting.txt");

            DriveReport report = assertInstanceOf(DriveReport.class, outcome);
            assertEquals(Outcome.DRIVEN, report.outcome());
            assertEquals("text", report.input());
            assertEquals(5, report.characters());
            assertTrue(vendors.volc.sessions().stream().anyMatch(s -> s.said().equals(java.util.List.of("欢迎回来。"))));
        }
    }

    @Test
    void aStreamStillBeingWrittenByATtsCallbackIsSpokenFromItsFirstBytes() throws Exception {
        try (ZegoStandIn standIn = new ZegoStandIn("778", "embedsecret0123456789abcdef012345").start(
                AvailablePortFinder.getNextAvailable());
             CamelContext context = new DefaultCamelContext()) {
            Properties properties = new Properties();
            properties.setProperty("zego.api-url", standIn.apiUrl());
            properties.setProperty("zego.app-id", "778");
            properties.setProperty("zego.server-secret", "embedsecret0123456789abcdef012345");
            properties.setProperty("zego.task-id", "tts-task");
            properties.setProperty("drive.lead-ms", "200");
            context.getPropertiesComponent().setInitialProperties(properties);
            context.addRoutes(new AvatarDriveRoute());
            TemplatedRouteBuilder.builder(context, AvatarDriveRoute.TEMPLATE).routeId("tts-avatar").add();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // a stream still being written must not be cached: caching would wait for its end
                    from("direct:tts-output").routeId("my-tts").streamCache("false").to(AvatarDriveRoute.DRIVE);
                }
            });
            context.start();

            byte[] pcm = TestClips.pcm16(16000, 1.0);
            PipedOutputStream callback = new PipedOutputStream();
            PipedInputStream synthesis = new PipedInputStream(callback, 64 * 1024);
            CompletableFuture<Object> outcome = context.createProducerTemplate().asyncRequestBodyAndHeader(
                    "direct:tts-output", synthesis, AvatarDriveConstants.SAMPLE_RATE, 16000);
            callback.write(pcm, 0, 3200);
            callback.flush();
            // the synthesis goes on only once the avatar has heard its start
            await().atMost(Duration.ofSeconds(10)).until(() -> standIn.drives().stream().anyMatch(d -> d.bytes() > 0));
            callback.write(pcm, 3200, pcm.length - 3200);
            callback.close();

            DriveReport report = assertInstanceOf(DriveReport.class, outcome.get(15, TimeUnit.SECONDS));
            assertEquals(Outcome.DRIVEN, report.outcome());
            assertTrue(report.firstPcmMs() != null && report.firstPcmMs() >= 0, report.toString());
            standIn.awaitCompleted(1, Duration.ofSeconds(5));
            assertEquals(TestClips.sha256(pcm), standIn.drives().get(0).sha256());
        }
    }

    @Test
    void aWholeFileCutByAShutdownIsAFailureToRetryNotALiveUtteranceCutForGood(@TempDir Path folder) throws Exception {
        try (ZegoStandIn standIn = new ZegoStandIn("779", "embedsecret0123456789abcdef012345").start(
                AvailablePortFinder.getNextAvailable())) {
            CamelContext context = new DefaultCamelContext();
            Properties properties = new Properties();
            properties.setProperty("zego.api-url", standIn.apiUrl());
            properties.setProperty("zego.app-id", "779");
            properties.setProperty("zego.server-secret", "embedsecret0123456789abcdef012345");
            properties.setProperty("zego.task-id", "spooled");
            properties.setProperty("drive.lead-ms", "200");
            context.getPropertiesComponent().setInitialProperties(properties);
            context.addRoutes(new AvatarDriveRoute());
            TemplatedRouteBuilder.builder(context, AvatarDriveRoute.TEMPLATE).routeId("spooled-avatar").add();
            context.start();
            Path spooled = Files.write(folder.resolve("clip.bin"), TestClips.pcm16(16000, 4.0));
            CompletableFuture<Object> outcome = context.createProducerTemplate().asyncRequestBodyAndHeader(
                    AvatarDriveRoute.DRIVE, new FileInputStream(spooled.toFile()), AvatarDriveConstants.SAMPLE_RATE, 16000);
            await().atMost(Duration.ofSeconds(10)).until(() -> standIn.drives().stream().anyMatch(d -> d.bytes() > 0));
            context.stop();
            // the embedding application gets the failure as an exception carrying its report
            FailureReport failure = assertInstanceOf(FailureReport.class,
                    io.avatardrive.support.TemplateDrives.outcome(() -> outcome.get(10, TimeUnit.SECONDS)));
            assertTrue(failure.reason().contains("shutting down"), failure.reason());
        }
    }

    @Test
    void anInstanceWithABadSettingIsRefusedWhenItIsMadeNamingTheKey() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new AvatarDriveRoute());
            Exception refused = assertThrows(Exception.class, () -> {
                TemplatedRouteBuilder.builder(context, AvatarDriveRoute.TEMPLATE)
                        .routeId("bad-avatar")
                        .parameter(AvatarDriveRoute.ENDPOINT_PARAMETER, "direct:bad")
                        .parameter("drive.lead-ms", "half a second")
                        .add();
                context.start();
            });
            String reasons = "";
            for (Throwable t = refused; t != null; t = t.getCause()) {
                reasons += t.getMessage() + "\n";
            }
            assertTrue(reasons.contains("drive.lead-ms must be a whole number, was 'half a second'"), reasons);
        }
    }
}
