package com.s4bsv.s4.shell.it;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Latencies and bytes of one kind of operation, from many threads. Samples go into a bounded array (HdrHistogram
 * is not on this module's classpath); past its capacity operations are still counted, and the percentiles come
 * from the first {@link #CAPACITY} samples, which the summary then says.
 */
final class LatencyRecorder {

    static final int CAPACITY = 1 << 18;

    private final long[] nanos = new long[CAPACITY];
    private final AtomicInteger samples = new AtomicInteger();
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    void record(long latencyNanos, long bytesMoved) {
        count.incrementAndGet();
        bytes.addAndGet(bytesMoved);
        int i = samples.getAndIncrement();
        if (i < CAPACITY) {
            nanos[i] = latencyNanos;
        }
    }

    /** Adds everything another recorder holds (for the total line). */
    void addAll(LatencyRecorder other) {
        int n = Math.min(other.samples.get(), CAPACITY);
        for (int i = 0; i < n; i++) {
            record(other.nanos[i], 0);
        }
        count.addAndGet(other.count.get() - n);
        bytes.addAndGet(other.bytes.get());
    }

    long count() {
        return count.get();
    }

    long bytes() {
        return bytes.get();
    }

    /** {@code ops=... ops/s=... p50=...ms p99=...ms bytes=...} over {@code seconds} of wall time. */
    String summary(double seconds) {
        long[] sorted = Arrays.copyOf(nanos, Math.min(samples.get(), CAPACITY));
        Arrays.sort(sorted);
        String line = String.format(
                Locale.ROOT,
                "ops=%d ops/s=%.1f p50=%.1fms p99=%.1fms max=%.1fms bytes=%d MiB/s=%.1f",
                count(),
                count() / seconds,
                percentile(sorted, 0.50) / 1e6,
                percentile(sorted, 0.99) / 1e6,
                sorted.length == 0 ? 0.0 : sorted[sorted.length - 1] / 1e6,
                bytes(),
                bytes() / seconds / (1 << 20));
        return samples.get() > CAPACITY ? line + " (percentiles of the first " + CAPACITY + ")" : line;
    }

    /** Nearest-rank percentile; 0 when nothing was recorded. */
    static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
