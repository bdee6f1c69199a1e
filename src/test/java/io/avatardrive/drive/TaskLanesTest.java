package io.avatardrive.drive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskLanesTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final TaskLanes lanes = new TaskLanes(pool, 4);

    /** Work that is done when its synchronous part returns. */
    private static java.util.function.Supplier<java.util.concurrent.CompletionStage<Void>> sync(Runnable work) {
        return () -> {
            work.run();
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        };
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void workForOneTaskRunsOneAtATimeInSubmissionOrder() throws Exception {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(50);
        for (int i = 0; i < 50; i++) {
            int n = i;
            lanes.submit("task", sync(() -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                order.add(n);
                Thread.yield();
                running.decrementAndGet();
                all.countDown();
            }));
        }
        assertTrue(all.await(10, TimeUnit.SECONDS));
        assertEquals(1, maxRunning.get());
        for (int i = 0; i < 50; i++) {
            assertEquals(i, order.get(i));
        }
    }

    @Test
    void differentTasksRunSideBySide() throws Exception {
        CountDownLatch bothRunning = new CountDownLatch(2);
        CountDownLatch done = new CountDownLatch(2);
        for (String task : List.of("a", "b")) {
            lanes.submit(task, sync(() -> {
                bothRunning.countDown();
                try {
                    bothRunning.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.countDown();
            }));
        }
        assertTrue(bothRunning.await(5, TimeUnit.SECONDS), "b never ran while a was running");
        assertTrue(done.await(5, TimeUnit.SECONDS));
    }

    @Test
    void aFailingTaskDoesNotBlockItsLane() throws Exception {
        CountDownLatch next = new CountDownLatch(1);
        lanes.submit("t", sync(() -> {
            throw new IllegalStateException("boom");
        }));
        lanes.submit("t", sync(next::countDown));
        assertTrue(next.await(5, TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(5)).until(() -> lanes.busyLanes() == 0);
    }

    @Test
    void asynchronousWorkHoldsItsLaneUntilItCompletesButNoThread() throws Exception {
        // more pending drives than the pool has threads: were a thread held per pending drive, nothing else could run
        TaskLanes wide = new TaskLanes(pool, 64);
        List<java.util.concurrent.CompletableFuture<Void>> pending = new ArrayList<>();
        CountDownLatch allStarted = new CountDownLatch(12);
        for (int i = 0; i < 12; i++) {
            java.util.concurrent.CompletableFuture<Void> drive = new java.util.concurrent.CompletableFuture<>();
            pending.add(drive);
            wide.submit("pending-" + i, () -> {
                allStarted.countDown();
                return drive;
            });
        }
        assertTrue(allStarted.await(5, TimeUnit.SECONDS), "12 pending drives started on 4 threads");
        CountDownLatch second = new CountDownLatch(1);
        wide.submit("pending-0", sync(second::countDown));
        CountDownLatch others = new CountDownLatch(3);
        for (String task : List.of("a", "b", "c")) {
            wide.submit(task, sync(others::countDown));
        }
        assertTrue(others.await(5, TimeUnit.SECONDS), "other tasks ran while 12 drives were pending");
        assertEquals(1, second.getCount(), "a task's next work waits for its pending drive to complete");
        pending.forEach(drive -> drive.complete(null));
        assertTrue(second.await(5, TimeUnit.SECONDS));
    }

    @Test
    void atMostMaxRunningTasksRunAtOnce() throws Exception {
        TaskLanes two = new TaskLanes(pool, 2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        List<java.util.concurrent.CompletableFuture<Void>> pending = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 5; i++) {
            two.submit("task-" + i, () -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                java.util.concurrent.CompletableFuture<Void> f = new java.util.concurrent.CompletableFuture<>();
                pending.add(f);
                return f;
            });
        }
        // completes whatever has started, until every task's work is done
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> {
            List<java.util.concurrent.CompletableFuture<Void>> now;
            synchronized (pending) {
                now = new ArrayList<>(pending);
                pending.clear();
            }
            // counted down before completing: completion may start the next work at once, on another thread
            now.forEach(f -> {
                running.decrementAndGet();
                f.complete(null);
            });
            return two.busyLanes() == 0;
        });
        assertEquals(0, two.busyLanes());
        assertEquals(2, maxRunning.get());
    }
}
