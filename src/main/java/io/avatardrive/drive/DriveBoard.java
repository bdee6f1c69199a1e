package io.avatardrive.drive;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;

/**
 * What the operator console shows: every drive in flight with its progress, what waits in each task's lane, the most
 * recent outcomes with their reports, and the counters, read from the drive's meters (see {@link DriveMetrics}) so that
 * each drive is counted once. A view over the drive's own state, kept in memory only.
 */
public final class DriveBoard {

    /** The name the registry holds the one instance under. */
    public static final String BEAN = "driveBoard";

    private static final int RECENT = 50;

    /** A finished drive as the console lists it: its number (for its report's link) and its report. */
    public record Ended(long id, DriveOutcome report) {
    }

    /** The board at one moment. */
    public record Snapshot(List<DriveProgress> drives, Map<String, List<String>> waiting, List<Ended> recent,
                           Map<String, Long> outcomes, Map<String, Long> failedByStage, Map<String, Long> apiAnswers) {
    }

    private final CamelContext context;
    private final TaskDrives drives;
    private final TaskLanes lanes;
    private final Deque<Ended> recent = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong();

    public DriveBoard(CamelContext context, TaskDrives drives, TaskLanes lanes) {
        this.context = context;
        this.drives = drives;
        this.lanes = lanes;
    }

    /** A drive ended with this report (or a clip was superseded before its drive). */
    public synchronized void ended(DriveOutcome report) {
        recent.addFirst(new Ended(ids.incrementAndGet(), report));
        while (recent.size() > RECENT) {
            recent.removeLast();
        }
    }

    /** The report of a recent outcome, by its number; null once it has left the list. */
    public synchronized DriveOutcome report(long id) {
        return recent.stream().filter(e -> e.id() == id).map(Ended::report).findFirst().orElse(null);
    }

    public synchronized Snapshot snapshot() {
        List<DriveProgress> inFlight = new ArrayList<>(drives.all().stream().map(ActiveDrive::progress).toList());
        inFlight.sort((a, b) -> a.taskId().compareTo(b.taskId()));
        DriveMetrics.Counts counts = DriveMetrics.counts(context);
        return new Snapshot(inFlight, lanes.waiting(), List.copyOf(recent), counts.outcomes(), counts.failedByStage(),
                counts.apiAnswers());
    }
}
