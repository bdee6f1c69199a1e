package io.avatardrive.drive;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One lane per TaskId: work for one task runs one at a time in submission order (the vendor forbids two drives at once
 * for a task), while different tasks run side by side, at most {@code maxRunning} at once. Work is asynchronous: a lane
 * moves on when its work's stage completes, so a drive that is streaming holds no thread, only its place in the lane.
 */
public final class TaskLanes {

    /** Its name in the registry. */
    public static final String BEAN = "taskLanes";

    private record Work(String task, String label, Supplier<? extends CompletionStage<?>> work,
                        Consumer<String> superseded, CompletableFuture<?> gate) {
    }

    private final Executor executor;
    private final int maxRunning;
    /** A task is here while it has work running or waiting; the deque holds what waits behind the running work. */
    private final Map<String, Deque<Work>> lanes = new HashMap<>();
    /** Lanes whose next work waits only for a free place. */
    private final Deque<Work> ready = new ArrayDeque<>();
    /** Lanes whose next work waits for its gate (a live utterance's first audio) before it takes a place. */
    private final List<Work> gated = new ArrayList<>();
    private int running;

    /**
     * @param executor   where work starts (its synchronous part runs there)
     * @param maxRunning how many tasks' work may run at once
     */
    public TaskLanes(Executor executor, int maxRunning) {
        this.executor = executor;
        this.maxRunning = maxRunning;
    }

    /** Where work starts: what runs once a task's work may go, off any other component's thread. */
    Executor executor() {
        return executor;
    }

    /** Work that waits in a lane; it can be taken back until it starts. */
    public interface Waiting {
        /** Drops the work from its lane if it has not started; true if it was dropped (it will never run). */
        boolean withdraw();
    }

    /** Queues work that an interrupt cannot supersede: it runs in its turn whatever happens. */
    public void submit(String task, Supplier<? extends CompletionStage<?>> work) {
        submit(task, "", work, null, null);
    }

    /**
     * Queues work behind the task's earlier work.
     *
     * @param label      what the work is (a clip's name), as the console lists a task's queue
     * @param superseded called instead of the work, with the reason, if an interrupt for the task comes while it waits
     * @param gate       null, or what the work waits for once it is its task's next, before it takes one of the
     *                   {@code maxRunning} places: a live utterance without audio yet holds its lane, not a place
     * @return the handle that withdraws the work while it waits (its producer went away)
     */
    public Waiting submit(String task, String label, Supplier<? extends CompletionStage<?>> work,
                          Consumer<String> superseded, CompletionStage<?> gate) {
        Work w = new Work(task, label, work, superseded, gate == null ? null : gate.toCompletableFuture());
        synchronized (lanes) {
            Deque<Work> lane = lanes.get(task);
            if (lane != null) {
                lane.add(w);
                return () -> withdraw(w);
            }
            lanes.put(task, new ArrayDeque<>());
            next(w);
        }
        launchReady();
        return () -> withdraw(w);
    }

    private boolean withdraw(Work w) {
        synchronized (lanes) {
            Deque<Work> lane = lanes.get(w.task());
            if (lane == null) {
                return false;
            }
            if (lane.removeIf(waiting -> waiting == w)) {
                return true;
            }
            if (!ready.removeIf(waiting -> waiting == w) && !gated.remove(w)) {
                return false;
            }
            // it was the task's next work: the one behind it (if any) takes its place
            Work next = lane.poll();
            if (next == null) {
                lanes.remove(w.task());
            } else {
                next(next);
            }
        }
        launchReady();
        return true;
    }

    /**
     * An interrupt for the task: work of it that waits (not the running one) and can be superseded is dropped from the
     * lane and told why, in the order it arrived. Returns how many were superseded.
     */
    public int supersede(String task, String reason) {
        List<Work> dropped = new ArrayList<>();
        synchronized (lanes) {
            Deque<Work> lane = lanes.get(task);
            if (lane == null) {
                return 0;
            }
            // the task's next work may already wait for a free place rather than in its lane
            boolean wasReady = ready.removeIf(w -> w.task().equals(task) && w.superseded() != null && dropped.add(w))
                               | gated.removeIf(w -> w.task().equals(task) && w.superseded() != null && dropped.add(w));
            lane.removeIf(w -> w.superseded() != null && dropped.add(w));
            if (wasReady) {
                Work next = lane.poll();
                if (next == null) {
                    lanes.remove(task);
                } else {
                    next(next);
                }
            }
        }
        dropped.forEach(w -> w.superseded().accept(reason));
        return dropped.size();
    }

    /** What waits in each task's lane, in order (not the running work). */
    public Map<String, List<String>> waiting() {
        Map<String, List<String>> waiting = new TreeMap<>();
        synchronized (lanes) {
            ready.forEach(w -> waiting.computeIfAbsent(w.task(), t -> new ArrayList<>()).add(w.label()));
            gated.forEach(w -> waiting.computeIfAbsent(w.task(), t -> new ArrayList<>()).add(w.label()));
            lanes.forEach((task, lane) -> lane.forEach(w -> waiting.computeIfAbsent(task, t -> new ArrayList<>())
                    .add(w.label())));
        }
        return waiting;
    }

    /** Tasks with work running or waiting. */
    public int busyLanes() {
        synchronized (lanes) {
            return lanes.size();
        }
    }

    /** Under the lock: the task's next work waits for a place, once its gate (if any) has opened. */
    private void next(Work w) {
        if (w.gate() == null || w.gate().isDone()) {
            ready.add(w);
            return;
        }
        gated.add(w);
        w.gate().whenCompleteAsync((v, failure) -> {
            synchronized (lanes) {
                if (!gated.remove(w)) {
                    return;
                }
                ready.add(w);
            }
            launchReady();
        }, executor);
    }

    private void launchReady() {
        List<Work> launch = new ArrayList<>();
        synchronized (lanes) {
            while (running < maxRunning && !ready.isEmpty()) {
                running++;
                launch.add(ready.poll());
            }
        }
        launch.forEach(w -> executor.execute(() -> run(w)));
    }

    private void run(Work w) {
        CompletionStage<?> stage;
        try {
            stage = w.work().get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((result, failure) -> finished(w.task()));
    }

    private void finished(String task) {
        synchronized (lanes) {
            running--;
            Deque<Work> lane = lanes.get(task);
            Work next = lane.poll();
            if (next == null) {
                lanes.remove(task);
            } else {
                // behind the lanes already waiting, so a busy task cannot starve the others
                next(next);
            }
        }
        launchReady();
    }
}
