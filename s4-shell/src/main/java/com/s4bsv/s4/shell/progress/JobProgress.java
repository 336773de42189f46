package com.s4bsv.s4.shell.progress;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keys of a map-family job summed over the nodes: {@code map [###---] 30/100 keys 3/3 nodes 1.2 MiB in ETA 0:07}. */
public final class JobProgress {

    private record Counters(long keysDone, long keysTotal, long bytesIn, long bytesOut) {}

    private final Redraw line;
    private final String label;
    private final int nodes;
    private final Map<String, Counters> byNode = new ConcurrentHashMap<>();
    private final Map<String, Boolean> finished = new ConcurrentHashMap<>();
    private final long startNanos = System.nanoTime();

    public JobProgress(PrintStream err, String label, int nodes) {
        this.line = new Redraw(err);
        this.label = label;
        this.nodes = nodes;
    }

    public void progress(String node, long keysDone, long keysTotal, long bytesIn, long bytesOut) {
        byNode.put(node, new Counters(keysDone, keysTotal, bytesIn, bytesOut));
        if (line.due()) {
            line.draw(render((System.nanoTime() - startNanos) / 1e9));
        }
    }

    public void nodeDone(String node, long keys, long outputs) {
        finished.put(node, Boolean.TRUE);
        byNode.computeIfPresent(node, (n, c) -> new Counters(c.keysTotal(), c.keysTotal(), c.bytesIn(), c.bytesOut()));
        line.draw(render((System.nanoTime() - startNanos) / 1e9));
    }

    public void close() {
        line.clear();
    }

    String render(double seconds) {
        long done = 0;
        long total = 0;
        long in = 0;
        long out = 0;
        for (Counters c : byNode.values()) {
            done += c.keysDone();
            total += c.keysTotal();
            in += c.bytesIn();
            out += c.bytesOut();
        }
        double fraction = total > 0 ? (double) done / total : 0;
        double rate = seconds > 0 ? done / seconds : 0;
        return label + " " + Units.bar(fraction, 20) + " " + done + "/" + total + " keys, " + finished.size() + "/"
                + nodes + " nodes, " + Units.bytes(in) + " in, " + Units.bytes(out) + " out, ETA "
                + Units.duration(rate > 0 ? (total - done) / rate : Double.NaN);
    }
}
