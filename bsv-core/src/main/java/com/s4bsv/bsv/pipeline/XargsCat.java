package com.s4bsv.bsv.pipeline;

import com.s4bsv.bsv.tool.Runner;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code xargs cat} as GNU xargs and cat behave in a bash pipeline: the names on stdin split at blanks and newlines
 * (quotes and backslashes are xargs's own quoting), or with {@code -d '\n'} one name a line taken literally (an
 * empty line is the empty name), each file copied to stdout in turn. A file that cannot be read
 * is reported the way cat reports it and makes the status 123; an unmatched quote is 1; a closed downstream pipe
 * kills cat with SIGPIPE, which xargs reports as 125.
 */
final class XargsCat {

    static final int CAT_FAILED = 123;
    static final int CAT_KILLED = 125;
    static final int XARGS_FAILED = 1;

    private final InputStream names;
    private final OutputStream out;
    private final OutputStream err;
    private final Path dir;

    private final boolean byLine;

    private XargsCat(InputStream in, OutputStream out, OutputStream err, Path dir, boolean byLine) {
        this.names = new BufferedInputStream(in, 8192);
        this.out = out;
        this.err = err;
        this.dir = dir;
        this.byLine = byLine;
    }

    static int run(InputStream in, OutputStream out, OutputStream err, Path dir, boolean byLine) {
        return new XargsCat(in, out, err, dir, byLine).run();
    }

    private static final class Unmatched extends Exception {

        private final char quote;

        Unmatched(char quote) {
            super(null, null, false, false);
            this.quote = quote;
        }
    }

    private enum Copied {
        OK,
        FAILED,
        PIPE_CLOSED
    }

    private int run() {
        boolean failed = false;
        byte[] buffer = new byte[Cat.BUFFER_BYTES];
        while (true) {
            String name;
            try {
                name = next();
            } catch (Unmatched e) {
                String which = e.quote == '\'' ? "single" : "double";
                Cat.fail(
                        err,
                        "xargs: unmatched " + which + " quote; by default quotes are special to xargs unless"
                                + " you use the -0 option\n");
                return XARGS_FAILED;
            } catch (IOException e) {
                return Cat.fail(err, "xargs: read error: " + e.getMessage() + "\n");
            }
            if (name == null) {
                return failed ? CAT_FAILED : 0;
            }
            switch (copy(name, buffer)) {
                case OK -> {}
                case FAILED -> failed = true;
                case PIPE_CLOSED -> {
                    Cat.fail(err, "xargs: cat: terminated by signal 13\n");
                    return CAT_KILLED;
                }
            }
        }
    }

    private Copied copy(String name, byte[] buffer) {
        if (name.isEmpty()) {
            // an empty line under -d '\n': cat opens "" and fails, where resolving it would name the directory
            return catError(name, "No such file or directory");
        }
        Path path = dir.resolve(name);
        if (Files.isDirectory(path)) {
            return catError(name, "Is a directory");
        }
        try (InputStream file = Files.newInputStream(path)) {
            int n;
            while ((n = file.read(buffer)) >= 0) {
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    if (Runner.isBrokenPipe(e)) {
                        return Copied.PIPE_CLOSED;
                    }
                    return catError(null, "write error: " + e.getMessage());
                }
            }
            return Copied.OK;
        } catch (NoSuchFileException e) {
            return catError(name, "No such file or directory");
        } catch (AccessDeniedException e) {
            return catError(name, "Permission denied");
        } catch (IOException e) {
            return catError(name, String.valueOf(e.getMessage()));
        }
    }

    private Copied catError(String name, String reason) {
        Cat.fail(err, "cat: " + (name == null ? "" : GnuQuote.quote(name) + ": ") + reason + "\n");
        return Copied.FAILED;
    }

    /** The next name, or null at the end of the input. */
    private String next() throws IOException, Unmatched {
        return byLine ? nextLine() : nextWord();
    }

    /** The next line, without its newline; a last line without one counts too. */
    private String nextLine() throws IOException {
        int c = names.read();
        if (c < 0) {
            return null;
        }
        ByteArrayOutputStream name = new ByteArrayOutputStream();
        while (c >= 0 && c != '\n') {
            name.write(c);
            c = names.read();
        }
        return name.toString(StandardCharsets.UTF_8);
    }

    private String nextWord() throws IOException, Unmatched {
        int c = names.read();
        while (c == ' ' || c == '\t' || c == '\n') {
            c = names.read();
        }
        if (c < 0) {
            return null;
        }
        ByteArrayOutputStream name = new ByteArrayOutputStream();
        while (c >= 0 && c != ' ' && c != '\t' && c != '\n') {
            if (c == '\'' || c == '"') {
                int quote = c;
                while ((c = names.read()) != quote) {
                    if (c < 0 || c == '\n') {
                        throw new Unmatched((char) quote);
                    }
                    name.write(c);
                }
            } else if (c == '\\') {
                c = names.read();
                if (c < 0) {
                    break;
                }
                name.write(c);
            } else {
                name.write(c);
            }
            c = names.read();
        }
        return name.toString(StandardCharsets.UTF_8);
    }
}
