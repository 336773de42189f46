package com.s4bsv.s4.server.compute;

import com.s4bsv.s4.server.storage.ObjectStore;
import com.s4bsv.s4.server.storage.StoredObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's part of a map-family job: its own input keys, one command per key (per group for map-from-n), at most
 * {@code max-cpu-jobs} at once, outputs committed as each command succeeds. The first failure cancels the rest
 * (their process groups are killed) and ends the stream with an error line; a caller that goes away cancels too.
 */
final class LocalJob {

    static final long PROGRESS_MILLIS = 500;
    // a map over many tiny keys finishes hundreds a second: one line (serialized, flushed, relayed) per key would
    // cost more than the key itself
    static final long PROGRESS_MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Logger log = LoggerFactory.getLogger(LocalJob.class);

    private final JobSpec spec;
    private final ObjectStore store;
    private final CommandRunner runner;
    private final Outputs outputs;
    private final String node;

    LocalJob(JobSpec spec, ObjectStore store, CommandRunner runner, Outputs outputs, String node) {
        this.spec = spec;
        this.store = store;
        this.runner = runner;
        this.outputs = outputs;
        this.node = node;
    }

    private sealed interface Outcome permits Done, Failed, Cancelled {
        Task task();
    }

    private record Done(Task task, long bytesIn, long bytesOut, int outputs, boolean inProcess) implements Outcome {}

    private record Failed(Task task, int exitCode, String stderr, String message) implements Outcome {}

    private record Cancelled(Task task) implements Outcome {}

    /** The local inputs, in walk order. */
    List<StoredObject> inputs() throws IOException {
        List<StoredObject> found = new ArrayList<>();
        for (StoredObject object : store.list(spec.bucket(), spec.base())) {
            if (spec.glob().matches(object.key().path().substring(spec.base().length()))) {
                found.add(object);
            }
        }
        found.sort((a, b) -> WalkOrder.KEYS.compare(a.key(), b.key()));
        return found;
    }

    List<Task> tasks(List<StoredObject> inputs) {
        if (spec.mode() == Mode.MAP_FROM_N) {
            return Groups.of(inputs).stream()
                    .map(g -> new Task(g.inputs(), g.output()))
                    .toList();
        }
        return inputs.stream()
                .map(i -> new Task(
                        List.of(i), i.key().path().substring(spec.base().length())))
                .toList();
    }

    /** Runs the job, writing progress and the final line to {@code events}. */
    void run(Events events) throws IOException {
        List<StoredObject> inputs = inputs();
        List<Task> tasks = tasks(inputs);
        long total = inputs.size();
        long done = 0;
        long bytesIn = 0;
        long bytesOut = 0;
        long outputCount = 0;
        long inProcess = 0;
        List<String> succeeded = new ArrayList<>();
        Failed failure = null;
        BlockingQueue<Outcome> finished = new LinkedBlockingQueue<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            // Every task adds exactly one outcome, even when cancelled before it starts: the loop counts them.
            for (Task task : tasks) {
                executor.execute(() -> {
                    Outcome outcome = new Cancelled(task);
                    try {
                        outcome = attempt(task);
                    } finally {
                        finished.add(outcome);
                    }
                });
            }
            try {
                events.write(Events.progress(node, 0, total, 0, 0));
                long lastProgress = System.nanoTime();
                int remaining = tasks.size();
                while (remaining > 0) {
                    Outcome outcome = finished.poll(PROGRESS_MILLIS, TimeUnit.MILLISECONDS);
                    if (outcome != null) {
                        remaining--;
                        switch (outcome) {
                            case Done d -> {
                                done += d.task().inputs().size();
                                bytesIn += d.bytesIn();
                                bytesOut += d.bytesOut();
                                outputCount += d.outputs();
                                inProcess += d.inProcess() ? d.task().inputs().size() : 0;
                                d.task()
                                        .inputs()
                                        .forEach(i -> succeeded.add(i.key().toString()));
                            }
                            case Failed f -> {
                                if (failure == null) {
                                    failure = f;
                                    executor.shutdownNow();
                                }
                            }
                            case Cancelled c -> {}
                        }
                    }
                    long now = System.nanoTime();
                    if (outcome == null || remaining == 0 || now - lastProgress >= PROGRESS_MIN_NANOS) {
                        events.write(Events.progress(node, done, total, bytesIn, bytesOut));
                        lastProgress = now;
                    }
                }
            } catch (IOException | InterruptedException e) {
                // The caller went away (or the server stops): nobody wants the rest of this job.
                log.info("{} job on {} cancelled: {}", spec.mode(), spec.glob().base(), e.toString());
                executor.shutdownNow();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
        }
        if (failure != null) {
            events.write(Events.error(
                    node, failure.task().key(), failure.exitCode(), failure.stderr(), failure.message(), succeeded));
        } else {
            events.write(Events.done(node, done, outputCount, inProcess));
        }
    }

    private Outcome attempt(Task task) {
        try {
            return execute(task);
        } catch (InterruptedException e) {
            return new Cancelled(task);
        } catch (IOException | RuntimeException e) {
            log.warn("{} of {} failed", spec.mode(), task.key(), e);
            return new Failed(task, -1, "", task.key() + ": " + e);
        }
    }

    private Outcome execute(Task task) throws IOException, InterruptedException {
        try (CommandRunner.Ran ran = runner.runInTempDir(spec.cmd(), store.temp(), stdin(task))) {
            if (Thread.currentThread().isInterrupted()) {
                return new Cancelled(task);
            }
            CommandResult result = ran.result();
            if (!result.succeeded()) {
                String message = result.timedOut()
                        ? "timed out after " + runner.timeout()
                        : "command failed on " + task.key() + " with exit code " + result.exitCode();
                if (store.temp().ranOutOfSpace(result.stderrTail())) {
                    message += "; no space left in the data dir of node " + node + " (the command's output and"
                            + " stderr could not be written)";
                }
                return new Failed(task, result.exitCode(), result.stderrTail(), message);
            }
            try {
                List<Outputs.Output> produced = outputs.produced(spec, task, ran.sandbox());
                long bytesIn =
                        task.inputs().stream().mapToLong(StoredObject::size).sum();
                long bytesOut = outputs.commitAll(task, produced);
                return new Done(task, bytesIn, bytesOut, produced.size(), result.inProcess());
            } catch (Outputs.OutputException e) {
                return new Failed(task, -1, "", e.getMessage());
            }
        }
    }

    private Sandbox.Stdin stdin(Task task) {
        return spec.mode() == Mode.MAP_FROM_N
                ? new Sandbox.PathList(task.inputs())
                : new Sandbox.KeyFile(task.inputs().getFirst());
    }
}
