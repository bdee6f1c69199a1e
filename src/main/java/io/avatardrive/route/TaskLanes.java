package io.avatardrive.route;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * One lane per TaskId: work for one task runs one at a time in submission order (the vendor forbids two drives at once
 * for a task), while different tasks run side by side on a shared executor whose size bounds the concurrency.
 */
public final class TaskLanes {

    private final Executor executor;
    private final Map<String, Deque<Runnable>> waiting = new HashMap<>();

    public TaskLanes(Executor executor) {
        this.executor = executor;
    }

    public void submit(String task, Runnable work) {
        synchronized (waiting) {
            Deque<Runnable> lane = waiting.get(task);
            if (lane != null) {
                lane.add(work);
                return;
            }
            waiting.put(task, new ArrayDeque<>());
        }
        executor.execute(() -> run(task, work));
    }

    /** Tasks with work running or waiting. */
    public int busyLanes() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    private void run(String task, Runnable work) {
        try {
            work.run();
        } finally {
            Runnable next;
            synchronized (waiting) {
                Deque<Runnable> lane = waiting.get(task);
                next = lane.poll();
                if (next == null) {
                    waiting.remove(task);
                }
            }
            if (next != null) {
                // back to the executor's queue, so a busy task cannot starve the others
                executor.execute(() -> run(task, next));
            }
        }
    }
}
