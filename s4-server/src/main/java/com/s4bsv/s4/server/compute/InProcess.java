package com.s4bsv.s4.server.compute;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.pipeline.Execution;
import com.s4bsv.bsv.pipeline.Pipeline;
import com.s4bsv.bsv.pipeline.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a command that is only a pipeline of bsv tools with literal arguments ({@link Pipeline#parse}) inside this
 * JVM instead of under bash: same stdin file, stdout and stderr files and working directory, bash's bytes and
 * status, no process per tool. Everything else, and everything when disabled, runs under bash.
 *
 * <p>Memory: the node's heap is shared, so a command runs in-process only when its estimate, {@value #PER_STAGE}
 * chunk buffers per stage plus {@value #INPUT_FACTOR} times its input bytes (the files named on stdin for
 * {@code xargs cat} and {@code xargs -d '\n' cat}), fits in what is left of a budget of heap bytes ({@code s4.compute.in-process-memory}, by
 * default half the max heap). A {@code bsort} holds its whole input as rows plus an index; the factor covers CSV
 * that grows into bsv on the way. Past the budget the command runs under bash, as its own process, whatever its
 * size. The reservation is held until the last stage thread ends.
 */
final class InProcess {

    static final int PER_STAGE = 2;
    static final int INPUT_FACTOR = 6;
    private static final int PARSED_KEPT = 256;
    private static final Duration STOP_GRACE = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(InProcess.class);

    private final @Nullable Layout layout;
    private final Semaphore memory;
    private final int budgetKib;
    private final LongAdder ran = new LongAdder();
    private final LongAdder overBudget = new LongAdder();
    // a job runs one command on every key: parsed once, not once per key (a tenth of a tiny key's time)
    private final Map<String, Optional<Pipeline>> parsed = new ConcurrentHashMap<>();

    /**
     * @param enabled     {@code s4.compute.in-process}
     * @param budgetBytes heap bytes in-process commands may hold at once
     * @param env         the environment bash would pass to the tools ({@code BSV_BUFFER_SIZE})
     */
    InProcess(boolean enabled, long budgetBytes, Map<String, String> env) {
        this.layout = enabled ? layoutOf(env) : null;
        this.budgetKib = (int) Math.min(Integer.MAX_VALUE, budgetBytes >> 10);
        this.memory = new Semaphore(budgetKib);
    }

    static InProcess disabled() {
        return new InProcess(false, 0, Map.of());
    }

    private static @Nullable Layout layoutOf(Map<String, String> env) {
        try {
            return Layout.fromEnv(env);
        } catch (IllegalArgumentException e) {
            // the tools under bash report the bad value themselves
            log.warn("in-process pipelines off: {}", e.getMessage());
            return null;
        }
    }

    /** Commands run in-process so far. */
    long ran() {
        return ran.sum();
    }

    /** Pipelines that ran under bash because the memory budget was spent. */
    long overBudget() {
        return overBudget.sum();
    }

    /** A pipeline with its share of the memory budget, to be run once. */
    final class Reservation {

        private final Pipeline pipeline;
        private final int kib;

        private Reservation(Pipeline pipeline, int kib) {
            this.pipeline = pipeline;
            this.kib = kib;
        }
    }

    /** The in-process run of {@code command}, or null when it runs under bash. */
    @Nullable Reservation reserve(String script, Sandbox sandbox) throws IOException {
        if (layout == null) {
            return null;
        }
        Optional<Pipeline> parse = parsed(script);
        if (parse.isEmpty()) {
            return null;
        }
        Pipeline pipeline = parse.get();
        long estimate = (long) PER_STAGE * pipeline.stages().size() * layout.bufferSize()
                + INPUT_FACTOR * inputBytes(sandbox, pipeline);
        long kib = (estimate >> 10) + 1;
        if (kib > budgetKib || !memory.tryAcquire((int) kib)) {
            overBudget.increment();
            return null;
        }
        return new Reservation(pipeline, (int) kib);
    }

    private Optional<Pipeline> parsed(String script) {
        if (parsed.size() >= PARSED_KEPT) {
            parsed.clear();
        }
        return parsed.computeIfAbsent(script, Pipeline::parse);
    }

    private static long inputBytes(Sandbox command, Pipeline pipeline) throws IOException {
        Path stdin = command.stdin();
        if (stdin == null) {
            return 0;
        }
        if (pipeline.stages().getFirst().kind() != Stage.Kind.XARGS_CAT) {
            return Files.size(stdin);
        }
        long total = 0;
        for (String line : Files.readAllLines(stdin, StandardCharsets.UTF_8)) {
            if (line.isEmpty()) {
                continue;
            }
            // names may begin or end with spaces (xargs -d '\n'); plain xargs would drop them
            Path file = command.work().resolve(line);
            if (!Files.isRegularFile(file)) {
                file = command.work().resolve(line.strip());
            }
            if (Files.isRegularFile(file)) {
                total += Files.size(file);
            }
        }
        return total;
    }

    /**
     * Runs the reserved pipeline to its end, or until the timeout, when it is cancelled (pipes broken, threads
     * interrupted). Interrupting the caller cancels it too and rethrows.
     */
    CommandResult run(Reservation reservation, Sandbox command, Duration timeout)
            throws IOException, InterruptedException {
        Execution execution;
        boolean finished = false;
        try (InputStream in = command.stdin() == null
                        ? InputStream.nullInputStream()
                        : Files.newInputStream(command.stdin());
                OutputStream out = Files.newOutputStream(command.stdout());
                OutputStream err = Files.newOutputStream(command.stderr())) {
            execution = reservation.pipeline.start(in, out, err, layout, command.work());
            try {
                finished = execution.await(timeout);
                if (!finished) {
                    stop(execution);
                }
            } catch (InterruptedException e) {
                stop(execution);
                throw e;
            } finally {
                releaseWhenDone(execution, reservation.kib);
            }
        }
        ran.increment();
        if (!finished) {
            return new CommandResult(-1, true, CommandRunner.stderrTail(command.stderr()), true);
        }
        int status = execution.status();
        return new CommandResult(status, false, status == 0 ? "" : CommandRunner.stderrTail(command.stderr()), true);
    }

    private static void stop(Execution execution) {
        execution.cancel();
        boolean interrupted = Thread.interrupted();
        try {
            execution.await(STOP_GRACE);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The budget comes back when the last stage thread has ended, not before (a cancelled sort may still run). */
    private void releaseWhenDone(Execution execution, int kib) {
        if (execution.isDone()) {
            memory.release(kib);
            return;
        }
        Thread.ofVirtual().name("in-process-release").start(() -> {
            try {
                execution.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                memory.release(kib);
            }
        });
    }
}
