package io.avatardrive.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.avatardrive.ProcessLifecycleTest;

import static org.awaitility.Awaitility.await;

/** The application started as the README says, in a process of its own, until the test closes it. */
public final class RunningApp implements AutoCloseable {

    private final Process process;
    private final StringBuffer output = new StringBuffer();

    private RunningApp(Path data, List<String> settings) throws Exception {
        ProcessLifecycleTest app = new ProcessLifecycleTest();
        app.data = data;
        process = app.start(new CountDownLatch(1), settings, Map.of(), output);
    }

    /** Starts it with these -D settings over the test defaults, and waits until Camel has started. */
    public static RunningApp start(Path data, List<String> settings) throws Exception {
        RunningApp app = new RunningApp(data, settings);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> app.output.toString().contains(") started in"));
        } catch (RuntimeException | Error e) {
            app.close();
            throw e;
        }
        return app;
    }

    /** The CPU time it used so far (user and system), in clock ticks, from /proc. */
    public long cpuTicks() throws java.io.IOException {
        String[] stat = java.nio.file.Files.readString(Path.of("/proc/" + process.pid() + "/stat"))
                .replaceAll("^.*\\) ", "").split(" ");
        // after the command's closing parenthesis: state is field 3, utime 14 and stime 15
        return Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
    }

    /** Its resident memory, from /proc, in bytes. */
    public long rssBytes() throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for " + process.pid());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself; its exit status, or null if it still runs after {@code timeout}. */
    public Integer awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** Everything it printed so far. */
    public String output() {
        return output.toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
        process.destroyForcibly();
    }
}
