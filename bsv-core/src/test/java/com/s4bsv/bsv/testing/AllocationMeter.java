package com.s4bsv.bsv.testing;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.tool.Runner;
import com.sun.management.ThreadMXBean;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * Measures what a tool allocates per row on this thread: runs it on a small and a large input (the
 * large one has {@code extraRows} more rows) after warm-up and divides the difference, so per-run
 * setup (buffers, argument parsing) cancels out. Uses {@code ThreadMXBean#getCurrentThreadAllocatedBytes}.
 */
public final class AllocationMeter {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Layout layout;
    private final Path dir;

    public AllocationMeter(Layout layout, Path dir) {
        this.layout = layout;
        this.dir = dir;
    }

    public AllocationMeter(Layout layout) {
        this(layout, Path.of(""));
    }

    /** Bytes allocated per extra row (best of several rounds, after warm-up runs). */
    public double bytesPerRow(String tool, List<String> args, byte[] small, byte[] large, long extraRows) {
        return bytesPerRow(tool, args, small, args, large, extraRows);
    }

    /** As above, with different arguments for the small and the large run (file names, say). */
    public double bytesPerRow(
            String tool, List<String> smallArgs, byte[] small, List<String> largeArgs, byte[] large, long extraRows) {
        for (int i = 0; i < 8; i++) {
            once(tool, smallArgs, small);
            once(tool, largeArgs, large);
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long a = once(tool, smallArgs, small);
            long b = once(tool, largeArgs, large);
            best = Math.min(best, (double) (b - a) / extraRows);
        }
        return best;
    }

    private long once(String tool, List<String> args, byte[] input) {
        ByteArrayInputStream in = new ByteArrayInputStream(input);
        OutputStream sink = OutputStream.nullOutputStream();
        long before = THREADS.getCurrentThreadAllocatedBytes();
        int exit = Runner.run(tool, args, in, sink, sink, layout, dir);
        long after = THREADS.getCurrentThreadAllocatedBytes();
        if (exit != 0) {
            throw new AssertionError(tool + " exited " + exit);
        }
        return after - before;
    }
}
