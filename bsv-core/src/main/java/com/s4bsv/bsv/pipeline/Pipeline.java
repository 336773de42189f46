package com.s4bsv.bsv.pipeline;

import com.s4bsv.bsv.format.Layout;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * A pipeline of bsv tools run inside this JVM, with the result {@code bash -c 'set -euo pipefail; COMMAND'} gives
 * running each tool as its own process: the same stdout bytes, the same files in the working directory, the same
 * exit status and stderr lines.
 *
 * <pre>{@code
 * int status = Pipeline.of("bcut 1,2 | bsort | bcounteach").run(in, out, err);
 * }</pre>
 *
 * Only {@code [cat |] TOOL ARGS | TOOL ARGS | ...} (or {@code xargs cat | ...}) with literal arguments is a
 * pipeline; {@link #parse} says no to anything bash would expand or interpret, so a caller can run that under bash.
 */
public final class Pipeline {

    // Platform threads, kept for a minute after a stage ends: a node runs a pipeline per key, and starting a thread
    // per stage per key cost more than a tiny key's tools. Not virtual threads: CPU-bound stages would hold the
    // few carriers the node's requests run on.
    private static final ExecutorService STAGE_THREADS = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("bsv-stage-", 0).daemon().factory());

    private final String command;
    private final List<Stage> stages;

    private Pipeline(String command, List<Stage> stages) {
        this.command = command;
        this.stages = stages;
    }

    /** The pipeline of {@code command}, or empty when it is anything else (then run it under bash). */
    public static Optional<Pipeline> parse(String command) {
        return CommandParser.parse(command).map(stages -> new Pipeline(command, stages));
    }

    /** The pipeline of {@code command}; throws {@link IllegalArgumentException} when it is anything else. */
    public static Pipeline of(String command) {
        return parse(command)
                .orElseThrow(() ->
                        new IllegalArgumentException("not a pipeline of bsv tools with literal arguments: " + command));
    }

    public List<Stage> stages() {
        return stages;
    }

    public String command() {
        return command;
    }

    /** Runs with the default chunk size in the current directory; returns the exit status. */
    public int run(InputStream in, OutputStream out, OutputStream err) throws InterruptedException {
        return run(in, out, err, Layout.DEFAULT, Path.of(""));
    }

    /**
     * Runs to the end and returns the exit status. {@code dir} is the working directory (where {@code bpartition}
     * and {@code bsplit} write, and relative names resolve); {@code layout} carries {@code BSV_BUFFER_SIZE}. The
     * streams are not closed. Interrupting the caller cancels the run.
     */
    public int run(InputStream in, OutputStream out, OutputStream err, Layout layout, Path dir)
            throws InterruptedException {
        return start(in, out, err, layout, dir).await();
    }

    /**
     * Starts the run on one platform thread per stage, from a pool shared by all runs; the caller waits, cancels
     * and reads the status.
     */
    public Execution start(InputStream in, OutputStream out, OutputStream err, Layout layout, Path dir) {
        return Execution.start(stages, in, out, err, layout, dir, STAGE_THREADS);
    }

    /** Starts the run on new threads of {@code threads}, one per stage. */
    public Execution start(
            InputStream in, OutputStream out, OutputStream err, Layout layout, Path dir, ThreadFactory threads) {
        return Execution.start(
                stages,
                in,
                out,
                err,
                layout,
                dir,
                task -> threads.newThread(task).start());
    }

    @Override
    public String toString() {
        return command;
    }
}
