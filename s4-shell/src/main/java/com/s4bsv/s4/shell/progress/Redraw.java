package com.s4bsv.s4.shell.progress;

import java.io.PrintStream;

/** One status line on a terminal, redrawn in place at most every 100 ms and erased at the end. */
final class Redraw {

    private static final long INTERVAL_NANOS = 100_000_000L;

    private final PrintStream err;
    private long lastDraw;
    private boolean drawn;

    Redraw(PrintStream err) {
        this.err = err;
    }

    synchronized boolean due() {
        long now = System.nanoTime();
        if (drawn && now - lastDraw < INTERVAL_NANOS) {
            return false;
        }
        lastDraw = now;
        return true;
    }

    synchronized void draw(String line) {
        err.print("\r" + line + "\033[K");
        err.flush();
        drawn = true;
    }

    /** Erases the line, if one was drawn, and leaves {@code last} in its place on a line of its own. */
    synchronized void replace(String last) {
        if (drawn) {
            err.print("\r" + last + "\033[K\n");
            err.flush();
            drawn = false;
        }
    }

    synchronized void clear() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }
}
