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
        java.util.concurrent.CompletableFuture<Void> first = new java.util.concurrent.CompletableFuture<>();
        CountDownLatch second = new CountDownLatch(1);
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        lanes.submit("t", () -> {
            started.add("first");
            return first;
        });
        lanes.submit("t", sync(() -> {
            started.add("second");
            second.countDown();
        }));
        // many more tasks than threads run while "first" is pending: it holds no thread
        CountDownLatch others = new CountDownLatch(3);
        for (String task : List.of("a", "b", "c")) {
            lanes.submit(task, sync(others::countDown));
        }
        assertTrue(others.await(5, TimeUnit.SECONDS));
        // "first" runs on a pool thread of its own, which may come to it after the others
        await().atMost(Duration.ofSeconds(5)).until(() -> !started.isEmpty());
        assertEquals(List.of("first"), started.subList(0, 1));
        assertEquals(1, second.getCount(), "the task's second work waits for the first to complete");
        first.complete(null);
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
