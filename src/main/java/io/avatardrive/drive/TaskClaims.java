package io.avatardrive.drive;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Which instance may drive a task now: the vendor forbids two drives at once for one TaskId, and the task lanes keep
 * that only within one process. A claim is taken once a task's work is next in its lane and held until that work ends.
 */
public interface TaskClaims {

    /** The registry name the task lanes look a shared implementation up by. */
    String BEAN = "taskClaims";

    /** One instance alone: every claim is granted at once. */
    TaskClaims LOCAL = task -> CompletableFuture.completedFuture(() -> { });

    /**
     * Completes with the claim's release once no other instance drives the task; fails if that cannot be known (the
     * shared store is unreachable), so that the work is retried rather than driven beside another instance's.
     */
    CompletionStage<Runnable> claim(String taskId);
}
