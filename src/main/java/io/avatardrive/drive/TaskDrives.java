package io.avatardrive.drive;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The drives in flight, by task, so that an interrupt can reach the one it cuts whichever thread or ingress started it.
 * A drive is here from the moment its clip is read, so an interrupt that comes while it still waits for its DriveId
 * or its socket stops it before any audio is sent.
 */
public final class TaskDrives {

    /** The name the registry holds the one instance under, for the ingresses to interrupt through. */
    public static final String BEAN = "taskDrives";

    private record Interrupt(long atNanos, String reason) {
    }

    private final Map<String, Set<ActiveDrive>> byTask = new ConcurrentHashMap<>();
    private final Map<String, Interrupt> lastInterrupt = new ConcurrentHashMap<>();

    /**
     * A drive begins. {@code arrivedNanos} is when its clip arrived ({@link System#nanoTime()}): an interrupt for the
     * task since then, which came while the drive was starting and could not reach it yet, cuts it now.
     */
    void add(ActiveDrive drive, long arrivedNanos) {
        byTask.computeIfAbsent(drive.taskId(), t -> ConcurrentHashMap.newKeySet()).add(drive);
        Interrupt missed = lastInterrupt.get(drive.taskId());
        if (missed != null && missed.atNanos() - arrivedNanos > 0) {
            drive.interrupt(missed.reason());
        }
    }

    void remove(ActiveDrive drive) {
        byTask.computeIfPresent(drive.taskId(), (t, drives) -> {
            drives.remove(drive);
            return drives.isEmpty() ? null : drives;
        });
    }

    /** Cuts the task's drive in flight, if any, at its next chunk; it sends Stop and reports interrupted. */
    public int interrupt(String taskId, String reason) {
        lastInterrupt.put(taskId, new Interrupt(System.nanoTime(), reason));
        Set<ActiveDrive> drives = byTask.getOrDefault(taskId, Set.of());
        drives.forEach(d -> d.interrupt(reason));
        return drives.size();
    }

    /** On shutdown: every drive ends its stream at the next chunk and sends Stop. */
    void cancelAll(RuntimeException why) {
        byTask.values().forEach(drives -> drives.forEach(d -> d.cancel(why)));
    }

    /** Every drive in flight. */
    List<ActiveDrive> all() {
        return byTask.values().stream().flatMap(Set::stream).toList();
    }

    boolean isEmpty() {
        return byTask.isEmpty();
    }

    int size() {
        return byTask.values().stream().mapToInt(Set::size).sum();
    }
}
