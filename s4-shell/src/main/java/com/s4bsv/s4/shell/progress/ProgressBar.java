package com.s4bsv.s4.shell.progress;

import com.s4bsv.s4.shell.client.Progress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Bytes of one transfer on stderr: {@code label [####----] 42% 12.0 MiB/29.0 MiB 5.1 MiB/s ETA 0:03}. */
public final class ProgressBar implements Progress {

    private final Redraw line;
    private final String label;
    private final AtomicLong done = new AtomicLong();
    private volatile long total = -1;
    private volatile long startNanos = System.nanoTime();

    public ProgressBar(PrintStream err, String label) {
        this.line = new Redraw(err);
        this.label = label;
    }

    @Override
    public void start(long totalBytes) {
        total = totalBytes;
        startNanos = System.nanoTime();
    }

    @Override
    public void advance(long bytes) {
        long now = done.addAndGet(bytes);
        if (line.due()) {
            line.draw(render(now, (System.nanoTime() - startNanos) / 1e9));
        }
    }

    /** Replaces the bar (if one was drawn) with one line that stays: {@code label 1.0 GiB in 3.2 s (320.0 MiB/s)}. */
    @Override
    public void finish() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        line.replace(summary(done.get(), seconds));
    }

    String summary(long bytes, double seconds) {
        return label + " " + Units.bytes(bytes) + " in " + String.format(Locale.ROOT, "%.1f", seconds) + " s ("
                + Units.bytes(seconds > 0 ? bytes / seconds : 0) + "/s)";
    }

    String render(long now, double seconds) {
        double rate = seconds > 0 ? now / seconds : 0;
        long t = total;
        if (t <= 0) {
            return label + " " + Units.bytes(now) + " " + Units.bytes(rate) + "/s";
        }
        double fraction = (double) now / t;
        return label + " " + Units.bar(fraction, 20) + " " + Math.round(fraction * 100) + "% " + Units.bytes(now)
                + "/" + Units.bytes(t) + " " + Units.bytes(rate) + "/s ETA "
                + Units.duration(rate > 0 ? (t - now) / rate : Double.NaN);
    }
}
