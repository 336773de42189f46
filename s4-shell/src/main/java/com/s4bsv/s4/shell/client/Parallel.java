package com.s4bsv.s4.shell.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/** Bounded fan-out for transfers: every task on a virtual thread, a fixed number running at once, first error wins. */
public final class Parallel {

    private Parallel() {}

    /** Runs every task, at most {@code limit} at once; rethrows the first failure after cancelling the rest. */
    public static void runAll(List<? extends Runnable> tasks, int limit) {
        runAll(tasks, limit, () -> {});
    }

    /**
     * Like {@link #runAll(List, int)}; {@code onFirstFailure} runs as soon as a task fails (in completion order, not
     * submission order), before the others are waited for, so it can unblock them (close their streams).
     */
    public static void runAll(List<? extends Runnable> tasks, int limit, Runnable onFirstFailure) {
        if (tasks.isEmpty()) {
            return;
        }
        if (tasks.size() == 1) {
            tasks.getFirst().run();
            return;
        }
        var gate = new Semaphore(Math.max(1, limit));
        RuntimeException first = null;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var completion = new ExecutorCompletionService<Void>(pool);
            List<Future<Void>> futures = new ArrayList<>();
            for (Runnable task : tasks) {
                futures.add(completion.submit(() -> {
                    gate.acquire();
                    try {
                        task.run();
                    } finally {
                        gate.release();
                    }
                    return null;
                }));
            }
            for (int done = 0; done < futures.size() && first == null; done++) {
                try {
                    completion.take().get();
                } catch (ExecutionException e) {
                    first = e.getCause() instanceof RuntimeException re
                            ? re
                            : new S4ClientException(Causes.describe(e.getCause()), e.getCause());
                } catch (CancellationException e) {
                    // only after a failure
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    first = new S4ClientException("interrupted");
                }
            }
            if (first != null) {
                onFirstFailure.run();
                futures.forEach(f -> f.cancel(true));
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
