package com.s4bsv.s4.shell.command;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Where a command reads and writes: the process streams for one-shot runs, the session's terminal writer in the
 * interactive shell.
 *
 * @param in       data for {@code cp - s4://...}
 * @param out      command output (binary-safe: {@code cp s4://... -})
 * @param err      progress bars
 * @param progress whether to draw progress on {@code err} (it is a terminal)
 */
public record Io(InputStream in, OutputStream out, PrintStream err, boolean progress) {}
