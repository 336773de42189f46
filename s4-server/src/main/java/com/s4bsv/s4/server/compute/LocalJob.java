package com.s4bsv.s4.server.compute;

import com.s4bsv.s4.key.InvalidKeyException;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.server.storage.ObjectStore;
import com.s4bsv.s4.server.storage.StoredObject;
import com.s4bsv.s4.server.storage.TempSpace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    /** map-to-n prints output paths; more than this is a command printing data by mistake. */
    static final int MAX_PRINTED_BYTES = 16 << 20;
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

    /** One command's work: its input keys and, for map and map-from-n, the name of its single output. */
    record Task(List<StoredObject> inputs, String output) {

        String key() {
            return inputs.getFirst().key().toString();
        }
    }

    private sealed interface Outcome permits Done, Failed, Cancelled {
        Task task();
    }

    private record Done(Task task, long bytesIn, long bytesOut, int outputs, boolean inProcess) implements Outcome {
    }

    private record Failed(Task task, int exitCode, String stderr, String message) implements Outcome {
    }

    private record Cancelled(Task task) implements Outcome {
    }

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
            return Groups.of(inputs).stream().map(g -> new Task(g.inputs(), g.output())).toList();
        }
        return inputs.stream()
                .map(i -> new Task(List.of(i), i.key().path().substring(spec.base().length()))).toList();
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
                                d.task().inputs().forEach(i -> succeeded.add(i.key().toString()));
                            }
                            case Failed f -> {
                                if (failure == null) {
                                    failure = f;
                                    executor.shutdownNow();
                                }
                            }
                            case Cancelled c -> {
                            }
                        }
                    }
                    events.write(Events.progress(node, done, total, bytesIn, bytesOut));
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
            events.write(Events.error(node, failure.task().key(), failure.exitCode(), failure.stderr(),
                    failure.message(), succeeded));
        } else {
            events.write(Events.done(node, done, outputCount, inProcess));
        }
    }

    private Outcome attempt(Task task) {
        try {
            return execute(task);
        } catch (InterruptedException e) {
            return new Cancelled(task);
        } catch (TaskFailure e) {
            return e.failed;
        } catch (IOException | RuntimeException e) {
            log.warn("{} of {} failed", spec.mode(), task.key(), e);
            return new Failed(task, -1, "", task.key() + ": " + e);
        }
    }

    private static final class TaskFailure extends Exception {

        private final Failed failed;

        TaskFailure(Failed failed) {
            super(failed.message(), null, false, false);
            this.failed = failed;
        }
    }

    private Outcome execute(Task task) throws IOException, InterruptedException, TaskFailure {
        TempSpace.Entry dir;
        CommandResult result;
        try (CommandRunner.CpuSlot slot = runner.acquire()) {
            dir = store.temp().newDir();
            try {
                result = runner.run(command(task, dir.path()));
            } catch (IOException | InterruptedException | RuntimeException e) {
                dir.close();
                throw e;
            }
        }
        try (dir) {
            if (Thread.currentThread().isInterrupted()) {
                return new Cancelled(task);
            }
            if (!result.succeeded()) {
                String message = result.timedOut() ? "timed out after " + runner.timeout()
                        : "command failed on " + task.key() + " with exit code " + result.exitCode();
                if (store.temp().ranOutOfSpace(result.stderrTail())) {
                    message += "; no space left in the data dir of node " + node + " (the command's output and"
                            + " stderr could not be written)";
                }
                throw new TaskFailure(new Failed(task, result.exitCode(), result.stderrTail(), message));
            }
            List<Output> produced = outputsOf(task, dir.path());
            long bytesIn = task.inputs().stream().mapToLong(StoredObject::size).sum();
            long bytesOut = commitAll(task, produced);
            return new Done(task, bytesIn, bytesOut, produced.size(), result.inProcess());
        }
    }

    private Command command(Task task, Path dir) throws IOException {
        Path work = Files.createDirectory(dir.resolve("work"));
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Map<String, String> env = new java.util.HashMap<>();
        env.put("TMPDIR", tmp.toString());
        Path stdin;
        if (spec.mode() == Mode.MAP_FROM_N) {
            stdin = dir.resolve("inputs");
            var list = new StringBuilder();
            for (StoredObject input : task.inputs()) {
                list.append(input.file().toAbsolutePath()).append('\n');
            }
            Files.writeString(stdin, list, StandardCharsets.UTF_8);
        } else {
            StoredObject input = task.inputs().getFirst();
            stdin = input.file();
            env.put("filename", input.key().basename());
        }
        return new Command(spec.cmd(), work, stdin, dir.resolve("stdout"), dir.resolve("stderr"), env);
    }

    private record Output(S4Key key, Path file) {
    }

    private List<Output> outputsOf(Task task, Path dir) throws IOException, TaskFailure {
        Path stdout = dir.resolve("stdout");
        if (spec.mode() != Mode.MAP_TO_N) {
            return List.of(new Output(outputKey(task, task.output()), stdout));
        }
        if (Files.size(stdout) > MAX_PRINTED_BYTES) {
            throw fail(task, "map-to-n commands print the paths of their outputs, one per line; " + task.key()
                    + " printed more than " + (MAX_PRINTED_BYTES >> 20) + " MiB");
        }
        String printed;
        try (InputStream in = Files.newInputStream(stdout)) {
            printed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String folder = task.inputs().getFirst().key().basename() + "/";
        Path work = dir.resolve("work");
        List<Output> found = new ArrayList<>();
        int copies = 0;
        for (String line : printed.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String name = line.substring(line.lastIndexOf('/') + 1);
            S4Key key = outputKey(task, folder + name);
            Path path = work.resolve(line).normalize();
            if (!Files.exists(path)) {
                throw fail(task, "output '" + line + "' printed by the command on " + task.key()
                        + " does not exist");
            }
            if (!Files.isRegularFile(path)) {
                throw fail(task, "output '" + line + "' printed by the command on " + task.key()
                        + " is not a file");
            }
            if (!path.startsWith(dir) || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                // Never move a file the job does not own (or a link to one): publish a copy.
                Path copy = dir.resolve("copy-" + copies++);
                Files.copy(path, copy);
                path = copy;
            }
            found.add(new Output(key, path));
        }
        return found;
    }

    private S4Key outputKey(Task task, String relative) throws TaskFailure {
        try {
            return spec.output(relative);
        } catch (InvalidKeyException e) {
            throw fail(task, "bad output name for " + task.key() + ": " + e.getMessage());
        }
    }

    private static TaskFailure fail(Task task, String message) {
        return new TaskFailure(new Failed(task, -1, "", message));
    }

    /** Commits every output of one command, in parallel; on any failure removes the ones it committed. */
    private long commitAll(Task task, List<Output> produced) throws InterruptedException, TaskFailure {
        if (produced.size() == 1) {
            Output only = produced.getFirst();
            try {
                return outputs.commit(only.key(), only.file());
            } catch (Outputs.OutputException e) {
                throw fail(task, e.getMessage());
            }
        }
        List<Future<Long>> commits = new ArrayList<>();
        List<S4Key> committed = java.util.Collections.synchronizedList(new ArrayList<>());
        long bytes = 0;
        String error = null;
        boolean interrupted = false;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Output output : produced) {
                commits.add(executor.submit(() -> {
                    long size = outputs.commit(output.key(), output.file());
                    committed.add(output.key());
                    return size;
                }));
            }
            for (int i = 0; i < commits.size() && !interrupted; i++) {
                try {
                    bytes += commits.get(i).get();
                } catch (ExecutionException e) {
                    if (error == null) {
                        error = e.getCause() instanceof Outputs.OutputException o ? o.getMessage()
                                : "cannot store " + produced.get(i).key() + ": " + e.getCause();
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    commits.forEach(c -> c.cancel(true));
                }
            }
        }
        if (interrupted || error != null) {
            committed.forEach(outputs::remove);
        }
        if (interrupted) {
            throw new InterruptedException("cancelled while storing outputs of " + task.key());
        }
        if (error != null) {
            throw fail(task, error + " (the other outputs of " + task.key() + " were removed)");
        }
        return bytes;
    }
}
