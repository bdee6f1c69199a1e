package io.avatardrive.drive;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.avatardrive.standin.StandInDrive;
import io.avatardrive.standin.ZegoStandIn;
import io.avatardrive.support.TestClips;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Another Camel runtime uses the drive through kamelets/avatar-drive-sink.kamelet.yaml, from a YAML route. */
class KameletDriveTest {

    private static final String SECRET = "kameletsecret0123456789abcdef012";

    @Test
    void aYamlRouteSendingToTheSinkKameletDrivesAClipAtTheStandIn() throws Exception {
        try (ZegoStandIn standIn = new ZegoStandIn("4242", SECRET).start(AvailablePortFinder.getNextAvailable());
             CamelContext context = new DefaultCamelContext()) {
            String route = """
                    - route:
                        id: my-tts
                        from:
                          uri: "direct:tts-output"
                          steps:
                            - to:
                                uri: "kamelet:avatar-drive-sink"
                                parameters:
                                  apiUrl: "%s"
                                  appId: "4242"
                                  serverSecret: "%s"
                                  taskId: "kamelet-task"
                                  leadMs: 200
                    """.formatted(standIn.apiUrl(), SECRET);
            Resource yaml = ResourceHelper.fromBytes("my-tts.yaml", route.getBytes(StandardCharsets.UTF_8));
            PluginHelper.getRoutesLoader(context).loadRoutes(yaml);
            context.start();

            byte[] wav = TestClips.wav16(16000, TestClips.pcm16(16000, 0.4));
            Object outcome = context.createProducerTemplate().requestBody("direct:tts-output", wav);

            DriveReport report = assertInstanceOf(DriveReport.class, outcome);
            assertEquals("kamelet-task", report.taskId());
            assertEquals(Outcome.DRIVEN, report.outcome());
            standIn.awaitCompleted(1, Duration.ofSeconds(5));
            StandInDrive heard = standIn.drives().get(0);
            assertEquals(TestClips.sha256(TestClips.pcm16(16000, 0.4)), heard.sha256());
        }
    }

    @Test
    void aSinkWithoutItsAccountIsRefusedAtStartNamingTheRequiredParameter() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            String route = """
                    - route:
                        id: my-tts
                        from:
                          uri: "direct:tts-output"
                          steps:
                            - to:
                                uri: "kamelet:avatar-drive-sink"
                                parameters:
                                  taskId: "kamelet-task"
                    """;
            Resource yaml = ResourceHelper.fromBytes("my-tts.yaml", route.getBytes(StandardCharsets.UTF_8));
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> {
                PluginHelper.getRoutesLoader(context).loadRoutes(yaml);
                context.start();
            });
            String messages = "";
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages += t.getMessage() + "\n";
            }
            org.junit.jupiter.api.Assertions.assertTrue(messages.contains("appId") && messages.contains("serverSecret"),
                    messages);
        }
    }
}
