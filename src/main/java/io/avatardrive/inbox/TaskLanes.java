package io.avatardrive.inbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * One lane per TaskId: work for one task runs one at a time in submission order (the vendor forbids two drives at once
 * for a task), while different tasks run side by side, at most {@code maxRunning} at once. Work is asynchronous: a lane
 * moves on when its work's stage completes, so a drive that is streaming holds no thread, only its place in the lane.
 */
public final class TaskLanes {

    private record Work(String task, Supplier<? extends CompletionStage<?>> work) {
    }

    private final Executor executor;
    private final int maxRunning;
    /** A task is here while it has work running or waiting; the deque holds what waits behind the running work. */
    private final Map<String, Deque<Work>> lanes = new HashMap<>();
    /** Lanes whose next work waits only for a free place. */
    private final Deque<Work> ready = new ArrayDeque<>();
    private int running;

    /**
     * @param executor   where work starts (its synchronous part runs there)
     * @param maxRunning how many tasks' work may run at once
     */
    public TaskLanes(Executor executor, int maxRunning) {
        this.executor = executor;
        this.maxRunning = maxRunning;
    }

    public void submit(String task, Supplier<? extends CompletionStage<?>> work) {
        Work w = new Work(task, work);
        synchronized (lanes) {
            Deque<Work> lane = lanes.get(task);
            if (lane != null) {
                lane.add(w);
                return;
            }
            lanes.put(task, new ArrayDeque<>());
            ready.add(w);
        }
        launchReady();
    }

    /** Tasks with work running or waiting. */
    public int busyLanes() {
        synchronized (lanes) {
            return lanes.size();
        }
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
                ready.add(next);
            }
        }
        launchReady();
    }
}
