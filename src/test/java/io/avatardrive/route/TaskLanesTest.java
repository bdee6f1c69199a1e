package io.avatardrive.route;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskLanesTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final TaskLanes lanes = new TaskLanes(pool);

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
            lanes.submit("task", () -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                order.add(n);
                Thread.yield();
                running.decrementAndGet();
                all.countDown();
            });
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
            lanes.submit(task, () -> {
                bothRunning.countDown();
                try {
                    bothRunning.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.countDown();
            });
        }
        assertTrue(bothRunning.await(5, TimeUnit.SECONDS), "b never ran while a was running");
        assertTrue(done.await(5, TimeUnit.SECONDS));
    }

    @Test
    void aFailingTaskDoesNotBlockItsLane() throws Exception {
        CountDownLatch next = new CountDownLatch(1);
        lanes.submit("t", () -> {
            throw new IllegalStateException("boom");
        });
        lanes.submit("t", next::countDown);
        assertTrue(next.await(5, TimeUnit.SECONDS));
        Thread.sleep(50);
        assertEquals(0, lanes.busyLanes());
    }
}
