package com.s4bsv.s4.shell.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/** Bounded fan-out for transfers: every task on a virtual thread, a fixed number running at once, first error wins. */
public final class Parallel {

    private Parallel() {
    }

    /** Runs every task, at most {@code limit} at once; rethrows the first failure after cancelling the rest. */
    public static void runAll(List<? extends Runnable> tasks, int limit) {
        if (tasks.isEmpty()) {
            return;
        }
        if (tasks.size() == 1) {
            tasks.getFirst().run();
            return;
        }
        var gate = new Semaphore(Math.max(1, limit));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable task : tasks) {
                futures.add(pool.submit(() -> {
                    gate.acquire();
                    try {
                        task.run();
                    } finally {
                        gate.release();
                    }
                    return null;
                }));
            }
            RuntimeException first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException re ? re
                                : new S4ClientException(Causes.describe(e.getCause()), e.getCause());
                        futures.forEach(other -> other.cancel(true));
                    }
                } catch (CancellationException e) {
                    // cancelled after the first failure
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    futures.forEach(other -> other.cancel(true));
                    throw new S4ClientException("interrupted");
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
