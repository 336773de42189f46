package com.s4bsv.bsv.pipeline;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.tool.Runner;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A running pipeline: one thread per stage, joined by {@link ChunkPipe}s. A stage that ends closes both of its
 * pipe ends, as a process's exit does, so its reader sees end of stream and its writer {@code Broken pipe}. The
 * status is bash's with {@code pipefail}: the last non-zero stage status, else 0. {@link #cancel} stops it
 * promptly: every pipe breaks, the caller's streams refuse further reads and writes and the threads are
 * interrupted.
 */
public final class Execution {

    private final List<Stage> stages;
    private final int[] statuses;
    private final List<ChunkPipe> pipes = new ArrayList<>();
    // the thread running each stage, while it runs (guarded by this): a pooled thread goes on to other work after
    private final @Nullable Thread[] running;
    private final CountDownLatch finished;
    private volatile boolean cancelled;

    private Execution(List<Stage> stages) {
        this.stages = stages;
        this.statuses = new int[stages.size()];
        this.running = new Thread[stages.size()];
        this.finished = new CountDownLatch(stages.size());
    }

    static Execution start(
            List<Stage> stages,
            InputStream in,
            OutputStream out,
            OutputStream err,
            Layout layout,
            Path dir,
            Executor threads) {
        Execution execution = new Execution(stages);
        execution.launch(in, out, err, layout, dir, threads);
        return execution;
    }

    private void launch(InputStream in, OutputStream out, OutputStream err, Layout layout, Path dir, Executor threads) {
        OutputStream sharedErr = new SharedErr(err);
        InputStream next = new CallerIn(in);
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            InputStream stageIn = next;
            OutputStream stageOut;
            if (i == stages.size() - 1) {
                stageOut = new CallerOut(out);
            } else {
                ChunkPipe pipe = new ChunkPipe();
                pipes.add(pipe);
                stageOut = pipe.sink();
                next = pipe.source();
            }
            int index = i;
            tasks.add(() -> {
                enter(index);
                try {
                    statuses[index] = runStage(stages.get(index), stageIn, stageOut, sharedErr, layout, dir);
                } finally {
                    closeQuietly(stageIn);
                    closeQuietly(stageOut);
                    leave(index);
                    finished.countDown();
                }
            });
        }
        tasks.forEach(threads::execute);
    }

    private synchronized void enter(int stage) {
        running[stage] = Thread.currentThread();
        if (cancelled) {
            Thread.currentThread().interrupt();
        }
    }

    /** The stage's thread is done with this run: an interrupt meant for it must not reach its next task. */
    private synchronized void leave(int stage) {
        running[stage] = null;
        Thread.interrupted();
    }

    private static int runStage(
            Stage stage, InputStream in, OutputStream out, OutputStream err, Layout layout, Path dir) {
        return switch (stage.kind()) {
            case TOOL -> Runner.run(stage.tool(), stage.args(), in, out, err, layout, dir);
            case CAT -> Cat.run(in, out, err);
            case XARGS_CAT -> XargsCat.run(in, out, err, dir, stage.namesByLine());
        };
    }

    private static void closeQuietly(Closeable stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // the stage's status already says what happened
        }
    }

    /** Waits for every stage; the pipeline's status. Interrupted, it cancels the run and rethrows. */
    public int await() throws InterruptedException {
        try {
            finished.await();
        } catch (InterruptedException e) {
            cancel();
            throw e;
        }
        return status();
    }

    /** Waits at most {@code timeout} for every stage; true when all ended. */
    public boolean await(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public boolean isDone() {
        return finished.getCount() == 0;
    }

    /** bash's {@code pipefail} status: the last non-zero stage status, else 0. Only meaningful once done. */
    public int status() {
        for (int i = statuses.length - 1; i >= 0; i--) {
            if (statuses[i] != 0) {
                return statuses[i];
            }
        }
        return 0;
    }

    /** Each stage's exit status, in order, like bash's {@code PIPESTATUS}. */
    public int[] statuses() {
        return statuses.clone();
    }

    /** Stops the run: pipes break, the caller's streams fail further reads and writes, threads are interrupted. */
    public void cancel() {
        cancelled = true;
        pipes.forEach(ChunkPipe::breakBoth);
        synchronized (this) {
            for (Thread thread : running) {
                if (thread != null) {
                    thread.interrupt();
                }
            }
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    private IOException cancelledError() {
        return new IOException("pipeline cancelled");
    }

    /** The caller's stdin: never closed by the run, refused once cancelled. */
    private final class CallerIn extends InputStream {

        private final InputStream in;

        CallerIn(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (cancelled) {
                throw cancelledError();
            }
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (cancelled) {
                throw cancelledError();
            }
            return in.read(b, off, len);
        }

        @Override
        public void close() {
            // the caller's stream: the caller closes it
        }
    }

    /** The caller's stdout: flushed at the end but never closed by the run, refused once cancelled. */
    private final class CallerOut extends OutputStream {

        private final OutputStream out;

        CallerOut(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (cancelled) {
                throw cancelledError();
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (cancelled) {
                throw cancelledError();
            }
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** The one stderr of all stages: each write lands whole, as the small writes of processes to one pipe do. */
    private static final class SharedErr extends OutputStream {

        private final OutputStream err;

        SharedErr(OutputStream err) {
            this.err = err;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            err.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            err.write(b, off, len);
        }

        @Override
        public synchronized void flush() throws IOException {
            err.flush();
        }

        @Override
        public void close() {
            // shared by every stage and owned by the caller
        }
    }
}
