package com.s4bsv.bsv.format;

import java.nio.charset.StandardCharsets;

/**
 * A tool's fatal error: the exact bytes to write to stderr (trailing newline included when the
 * original has one) and the exit code. Thrown only on the way out, never for control flow.
 */
public final class FatalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final byte[] stderr;
    private final int exitCode;

    public FatalException(byte[] stderr, int exitCode) {
        super(new String(stderr, StandardCharsets.UTF_8).strip(), null, false, false);
        this.stderr = stderr.clone();
        this.exitCode = exitCode;
    }

    /** Exit 1 with {@code message} written as is (include the newline if the original prints one). */
    public FatalException(String message) {
        this(message.getBytes(StandardCharsets.UTF_8), 1);
    }

    /** {@code usage: USAGE} with exit 1, the arity error of every tool. */
    public static FatalException usage(String usage) {
        return new FatalException("usage: " + usage);
    }

    public byte[] stderr() {
        return stderr.clone();
    }

    public int exitCode() {
        return exitCode;
    }
}
