package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.io.BufferPool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Runs one tool the way the original's {@code SETUP()} and {@code ASSERT} do: {@code -h}/{@code -v}
 * as the last argument, fatal errors as their exact stderr text and exit code, a closed downstream
 * pipe as a quiet exit 0. Never prints a stack trace.
 */
public final class Runner {

    private Runner() {}

    /** Runs {@code name}; returns the process exit code. */
    public static int run(
            String name,
            List<String> args,
            InputStream in,
            OutputStream out,
            OutputStream err,
            Layout layout,
            Path dir) {
        try {
            Tool tool = Tools.get(name);
            if (tool == null) {
                write(err, "fatal: no such bsv tool: " + name + "\n");
                return 2;
            }
            if (!args.isEmpty()) {
                String last = args.get(args.size() - 1);
                if (last.equals("-h") || last.equals("--help")) {
                    write(err, tool.usage().help());
                    return 1;
                }
                if (last.equals("-v") || last.equals("--version")) {
                    write(err, version());
                    return 1;
                }
            }
            // the run's buffers go back to the pool when it ends, however it ends
            try (BufferPool.Scope ignored = BufferPool.open()) {
                tool.run(new Context(args, in, out, err, layout, dir));
                out.flush();
                return 0;
            } catch (FatalException e) {
                flushQuietly(out);
                err.write(e.stderr());
                err.flush();
                return e.exitCode();
            }
        } catch (IOException e) {
            if (isBrokenPipe(e)) {
                return 0;
            }
            return fail(err, "fatal: " + relativeTo(dir, e.getMessage()) + "\n");
        } catch (OutOfMemoryError e) {
            return fail(err, "fatal: out of memory (raise -Xmx through S4_JAVA_OPTS)\n");
        } catch (RuntimeException e) {
            return fail(err, "fatal: internal error: " + e + "\n");
        }
    }

    /** True for the error a write gets once the reader of a pipe is gone. */
    public static boolean isBrokenPipe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("Broken pipe") || m.contains("Stream closed"))) {
                return true;
            }
        }
        return false;
    }

    /** An I/O message names the path as the tool resolved it; a forked tool in {@code dir} names it as given. */
    static String relativeTo(Path dir, String message) {
        if (message == null || dir == null || !dir.isAbsolute()) {
            return String.valueOf(message);
        }
        String prefix = dir.toString().endsWith("/") ? dir.toString() : dir + "/";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static int fail(OutputStream err, String message) {
        try {
            write(err, message.replace('\n', ' ').strip() + "\n");
        } catch (IOException ignored) {
            // nowhere left to report
        }
        return 1;
    }

    private static void flushQuietly(OutputStream out) {
        try {
            out.flush();
        } catch (IOException ignored) {
            // the error being reported matters more
        }
    }

    private static void write(OutputStream err, String text) throws IOException {
        err.write(text.getBytes(StandardCharsets.UTF_8));
        err.flush();
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = Runner.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // fall back to unknown values
        }
        String git = p.getProperty("git", "");
        if (!git.matches("[0-9a-f]{40}")) {
            git = "0".repeat(40);
        }
        return "git:      " + git + "\ndate:     " + p.getProperty("date", "unknown") + "\n";
    }
}
