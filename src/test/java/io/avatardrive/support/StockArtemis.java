package io.avatardrive.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import io.avatardrive.queue.TaskGroupPlugin;
import org.apache.camel.test.AvailablePortFinder;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

import static org.awaitility.Awaitility.await;

/**
 * The stock Apache Artemis distribution Maven unpacks under target/artemis, as an external broker several instances
 * share: created with a login and the drive's queues, and configured as the README tells a broker admin (the grouping
 * plugin from the project's classes, the interrupts and pieces diverts).
 */
public final class StockArtemis implements AutoCloseable {

    public static final Path HOME = Path.of("target/artemis/apache-artemis-2.40.0");

    private final Process process;
    private final int port;
    private final StringBuffer output = new StringBuffer();

    private StockArtemis(Path instance, int port) throws IOException {
        this.port = port;
        process = new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run").redirectErrorStream(true).start();
        collect(process, output);
    }

    /** Whether Maven unpacked the distribution (generate-test-resources). */
    public static boolean available() {
        return Files.isExecutable(HOME.resolve("bin/artemis"));
    }

    /** Creates a broker instance in {@code instance} on a free port and waits until it is active. */
    public static StockArtemis start(Path instance, String user, String password) throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        run(List.of(HOME.resolve("bin/artemis").toAbsolutePath().toString(), "create", instance.toString(),
                "--user", user, "--password", password, "--require-login", "--silent", "--no-web", "--nio",
                "--no-autotune", "--no-fsync", "--no-amqp-acceptor", "--no-hornetq-acceptor", "--no-mqtt-acceptor",
                "--no-stomp-acceptor", "--host", "127.0.0.1", "--default-port", Integer.toString(port),
                "--queues", "avatar.drive:anycast,avatar.drive.pieces:anycast,avatar.drive.results:anycast,"
                            + "avatar.drive.DLQ:anycast",
                "--addresses", "avatar.drive.interrupts:multicast"));
        configure(instance);
        StockArtemis broker = new StockArtemis(instance, port);
        try {
            await().atMost(Duration.ofSeconds(60)).failFast(() -> !broker.process.isAlive())
                    .until(() -> broker.output.toString().contains("AMQ221007"));
        } catch (TerminalFailureException | ConditionTimeoutException e) {
            broker.close();
            throw new AssertionError("the broker did not start:\n" + broker.output, e);
        }
        return broker;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The project's plugin (with its nested classes) in the broker's lib/, the plugin and the diverts in broker.xml. */
    private static void configure(Path instance) throws IOException {
        String plugin = TaskGroupPlugin.class.getName().replace('.', '/');
        Path classes = Path.of("target/classes");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(instance.resolve("lib/avatar-drive.jar")));
             var files = Files.list(classes.resolve(plugin).getParent())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("TaskGroupPlugin")).toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(file).toString()));
                jar.write(Files.readAllBytes(file));
                jar.closeEntry();
            }
        }
        Path xml = instance.resolve("etc/broker.xml");
        String config = Files.readString(xml).replace("</core>",
                "<broker-plugins><broker-plugin class-name=\"" + TaskGroupPlugin.class.getName() + "\">"
                + "<property key=\"address\" value=\"avatar.drive\"/></broker-plugin></broker-plugins>"
                + "<diverts><divert name=\"avatar-drive-interrupts\"><address>avatar.drive</address>"
                + "<forwarding-address>avatar.drive.interrupts</forwarding-address>"
                + "<filter string=\"Interrupt = TRUE OR Interrupt = 'true'\"/><routing-type>MULTICAST</routing-type>"
                + "<exclusive>false</exclusive></divert>"
                + "<divert name=\"avatar-drive-pieces\"><address>avatar.drive</address>"
                + "<forwarding-address>avatar.drive.pieces</forwarding-address>"
                + "<filter string=\"UtteranceId IS NOT NULL\"/><routing-type>ANYCAST</routing-type>"
                + "<exclusive>true</exclusive></divert></diverts></core>");
        Files.writeString(xml, config);
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuffer output = new StringBuffer();
        collect(process, output);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    /** Collects the process's output on a daemon thread. */
    public static void collect(Process process, StringBuffer output) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
