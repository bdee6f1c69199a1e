package io.avatardrive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.avatardrive.support.RunningApp;

/**
 * What an instance with nothing to do costs, read from outside as an operator would (/proc of its process): the
 * application started as the README says, on the embedded broker with an empty inbox, 45 s after its start; then with
 * 5000 emptied task folders in its inbox, before and after they are pruned.
 */
final class IdleScenario {

    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final Path root;

    IdleScenario(Path root) {
        this.root = root;
    }

    Map<String, Object> run(int folders) throws Exception {
        Map<String, Object> f = new LinkedHashMap<>();
        Path data = Files.createDirectories(root.resolve("idle-app"));
        // the tests' harness shortens the queue's receive for quick stops; an idle instance runs on the default
        try (RunningApp app = RunningApp.start(data, List.of("-Ddrive.queue-receive-timeout-ms=20000",
                "-Ddrive.task-folder-prune-period-ms=20000"))) {
            TimeUnit.SECONDS.sleep(45);
            f.put("idleCorePercent", corePercent(app, 20));
            FileTime anHourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
            for (int i = 0; i < folders; i++) {
                Files.setLastModifiedTime(Files.createDirectories(data.resolve("inbox/emptied-" + i)), anHourAgo);
            }
            f.put("emptiedFolders", folders);
            f.put("foldersCorePercent", corePercent(app, 10));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Files.exists(data.resolve("inbox/emptied-" + (folders - 1))) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            f.put("afterPruneCorePercent", corePercent(app, 20));
        }
        return f;
    }

    /** The process's CPU over {@code seconds}, in percent of one core. */
    private static double corePercent(RunningApp app, int seconds) throws IOException, InterruptedException {
        long before = app.cpuTicks();
        TimeUnit.SECONDS.sleep(seconds);
        return Math.round(1000.0 * (app.cpuTicks() - before) / CLOCK_TICKS_PER_SECOND / seconds) / 10.0;
    }
}
