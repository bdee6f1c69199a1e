package io.avatardrive.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.settings.DriveSettings;
import io.avatardrive.standin.StandInDrive;
import io.avatardrive.standin.ZegoStandIn;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import static org.awaitility.Awaitility.await;

/**
 * The pipeline's routes in a CamelContext, a ZEGO stand-in on a free 127.0.0.1 port, and fresh inbox/done/error folders
 * for every test: clips go in as files, and come out as what the stand-in heard and what was filed.
 */
public abstract class DriveTestSupport extends CamelTestSupport {

    public static final String APP_ID = "1234567";
    public static final String SECRET = "0123456789abcdef0123456789abcdef";
    public static final String DEFAULT_TASK = "default-task";
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger RUN = new AtomicInteger();

    @TempDir
    static Path root;
    protected static ZegoStandIn standIn;

    protected DriveSettings settings;

    @BeforeAll
    static void startStandIn() {
        standIn = newStandIn().start(AvailablePortFinder.getNextAvailable());
    }

    @AfterAll
    static void stopStandIn() {
        standIn.close();
    }

    /** The stand-in a test class drives; override (static hiding) is not possible, so classes register tasks on it. */
    protected static ZegoStandIn newStandIn() {
        return new ZegoStandIn(APP_ID, SECRET);
    }

    /** Settings of this test; short chunks and lead keep tests fast. */
    protected Map<String, String> properties() {
        Path run = root.resolve("run-" + RUN.incrementAndGet());
        Map<String, String> p = new HashMap<>();
        p.put("zego.api-url", standIn.apiUrl());
        p.put("zego.app-id", APP_ID);
        p.put("zego.server-secret", SECRET);
        p.put("zego.task-id", DEFAULT_TASK);
        p.put("drive.inbox", run.resolve("inbox").toString());
        p.put("drive.done", run.resolve("done").toString());
        p.put("drive.error", run.resolve("error").toString());
        p.put("drive.lead-ms", "200");
        p.put("drive.chunk-ms", "100");
        p.put("drive.poll-delay-ms", "50");
        p.put("drive.retry-delay-ms", "50");
        p.put("drive.settle-ms", "200");
        p.put("drive.driven-clips", run.resolve("driven-clips.log").toString());
        return p;
    }

    /** The stand-in counts calls per AppId like the vendor; each test's new client starts with a full quota. */
    @BeforeEach
    void quietRateWindow() throws InterruptedException {
        standIn.awaitQuietRateWindow();
    }

    /** The YAML route files of this test, from the project's routes/ folder. */
    protected List<String> routeFiles() {
        return List.of("drive.yaml", "inbox.yaml");
    }

    /** Wires the context the way the application does: its beans, the drive template, and the YAML routes. */
    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        Map<String, String> p = properties();
        settings = Pipelines.settings(p);
        List<RoutesBuilder> builders = Pipelines.wire(context, p, routeFiles());
        bindMore(context, p);
        return builders.toArray(RoutesBuilder[]::new);
    }

    /** For tests that wire more than the inbox, such as the queue. */
    protected void bindMore(CamelContext context, Map<String, String> properties) throws Exception {
    }

    /** Drops a clip the way a careful writer does: write to NAME.part, then rename into place. */
    protected Path drop(String relative, byte[] content) throws IOException {
        Path target = settings.inbox().resolve(relative);
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Files.write(part, content);
        Files.move(part, target);
        return target;
    }

    /** Waits for a file (a report) to appear, then reads it as JSON. */
    protected JsonNode awaitReport(Path file, Duration timeout) throws Exception {
        // a report is renamed into place whole, so it can be read as soon as it is there
        await().alias("no " + file + " within " + timeout).atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.exists(file));
        return JSON.readTree(file.toFile());
    }

    protected JsonNode awaitDone(String relative) throws Exception {
        return awaitReport(settings.done().resolve(relative + ".json"), Duration.ofSeconds(30));
    }

    protected JsonNode awaitError(String relative) throws Exception {
        return awaitReport(settings.error().resolve(relative + ".error.json"), Duration.ofSeconds(30));
    }

    protected static StandInDrive heard(String driveId) {
        return standIn.drives().stream().filter(d -> d.driveId().equals(driveId)).findFirst()
                .orElseThrow(() -> new AssertionError("the stand-in never issued " + driveId));
    }

    /** The stand-in closes its side a moment after Stop; wait for it so its figures are final. */
    protected static StandInDrive heardCompleted(String driveId) throws InterruptedException {
        StandInDrive drive = heard(driveId);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(drive::completed);
        return drive;
    }
}
