package com.s4bsv.bsv.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.testing.ToolHarness;
import com.sun.management.ThreadMXBean;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A pipeline over a tiny input (a map over many tiny keys runs one per key) allocates little: its buffers start
 * small and grow with the data instead of taking {@code BSV_BUFFER_SIZE} (5 MiB) and 64k-column tables up front.
 * Counts what the caller and every stage thread allocate, with the default chunk size. A large run allocates its
 * chunk buffers once: later runs in the same JVM (a node's next key) borrow them from the {@code BufferPool}.
 */
class PipelineAllocationTest {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    // a 2-stage run took 6.5 MB before the buffers started small, 0.33 MB after (64 KiB per chunk reader,
    // chunk writer, text writer and pipe between stages)
    private static final long BOUND_PER_STAGE = 224 * 1024;

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"bcut 1 | csv, bsv", "bsv | csv, csv", "bsort | csv, bsv", "'bcut 2,1 | bsort | csv', bsv"})
    void aTinyRunAllocatesLittle(String command, String inputKind) throws Exception {
        String csv = "1,a,x\n2,b,y\n3,c,z\n";
        byte[] input = inputKind.equals("csv")
                ? csv.getBytes(StandardCharsets.US_ASCII)
                : new ToolHarness(Layout.DEFAULT, dir).run("bsv", csv).ok();
        Pipeline pipeline = Pipeline.of(command);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 60; i++) {
            best = Math.min(best, allocatedBy(pipeline, input));
        }
        assertThat(best)
                .as("bytes allocated by one run of %s", command)
                .isLessThan(BOUND_PER_STAGE * pipeline.stages().size());
    }

    @ParameterizedTest
    @CsvSource({"'bcut 2,1 | csv'", "bsv | bcut 1 | bpartition 3"})
    void aLargeRunReusesTheBuffersOfTheRunsBefore(String command) throws Exception {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; csv.length() < 12 << 20; i++) {
            csv.append(i).append(',').append(i % 97).append(",row").append(i).append('\n');
        }
        byte[] input = command.startsWith("bsv")
                ? csv.toString().getBytes(StandardCharsets.US_ASCII)
                : new ToolHarness(Layout.DEFAULT, dir)
                        .run("bsv", csv.toString())
                        .ok();
        Pipeline pipeline = Pipeline.of(command);
        long first = allocatedBy(pipeline, input);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            best = Math.min(best, allocatedBy(pipeline, input));
        }
        // each stage's chunk buffers grow from 64 KiB to 5 MiB, ~10 MB apiece, on the first run only
        assertThat(best)
                .as("bytes allocated by a later run of %s (the first: %d)", command, first)
                .isLessThan(first / 4)
                .isLessThan(4L << 20);
    }

    private long allocatedBy(Pipeline pipeline, byte[] input) throws InterruptedException {
        AtomicLong stages = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        ThreadFactory counting = task -> {
            Thread thread = Thread.ofPlatform().daemon().unstarted(() -> {
                long before = THREADS.getCurrentThreadAllocatedBytes();
                try {
                    task.run();
                } finally {
                    stages.addAndGet(THREADS.getCurrentThreadAllocatedBytes() - before);
                }
            });
            threads.add(thread);
            return thread;
        };
        OutputStream out = OutputStream.nullOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long before = THREADS.getCurrentThreadAllocatedBytes();
        Execution run = pipeline.start(new ByteArrayInputStream(input), out, err, Layout.DEFAULT, dir, counting);
        int status = run.await();
        long caller = THREADS.getCurrentThreadAllocatedBytes() - before;
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return caller + stages.get();
    }
}
