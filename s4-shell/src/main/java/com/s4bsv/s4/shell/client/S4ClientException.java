package com.s4bsv.s4.shell.client;

import java.io.IOException;

/**
 * A failed client operation. The message is one line that names the key (or node) and the cause, ready to be
 * printed after {@code fatal: }.
 */
public sealed class S4ClientException extends RuntimeException
        permits S4ClientException.NoSuchKey,
                S4ClientException.KeyExists,
                S4ClientException.ChecksumMismatch,
                S4ClientException.NodeUnreachable,
                S4ClientException.CommandFailed,
                S4ClientException.NodeStopped,
                S4ClientException.OutputClosed {

    public S4ClientException(String message) {
        super(message);
    }

    public S4ClientException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A write to {@code what} failed: when the reader went away ({@code s4 cp KEY - | head}) that is {@link OutputClosed},
     * which ends the command quietly with 0 as the bsv tools do; anything else is a failure.
     */
    public static S4ClientException writeFailed(String what, IOException error) {
        if (isBrokenPipe(error)) {
            return new OutputClosed(what);
        }
        return new S4ClientException("cannot write " + what + ": " + Causes.describe(error), error);
    }

    /** The reader of a pipe went away (EPIPE): the JVM ignores SIGPIPE, so this is how it shows. */
    public static boolean isBrokenPipe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Broken pipe")) {
                return true;
            }
        }
        return false;
    }

    /** The key (or bucket) does not exist. */
    public static final class NoSuchKey extends S4ClientException {
        public NoSuchKey(String key) {
            super("no such key: " + key);
        }
    }

    /** Keys are immutable: a put on an existing key fails until the key is removed. */
    public static final class KeyExists extends S4ClientException {
        public KeyExists(String key) {
            super("key already exists: " + key + " 409");
        }
    }

    public static final class ChecksumMismatch extends S4ClientException {
        public ChecksumMismatch(String key, String expected, String actual) {
            super("checksum mismatch for " + key + ": node sent crc32c " + expected + ", received bytes have "
                    + actual);
        }

        public ChecksumMismatch(String message) {
            super(message);
        }
    }

    public static final class NodeUnreachable extends S4ClientException {
        public NodeUnreachable(String node, String what, Throwable cause) {
            super(
                    "node " + node + " unreachable" + (what.isEmpty() ? "" : " (" + what + ")") + ": "
                            + Causes.describe(cause),
                    cause);
        }
    }

    /**
     * A user command exited non-zero or timed out; {@link #stderrTail()} is printed after the message line.
     */
    public static final class CommandFailed extends S4ClientException {
        private final int exitCode;
        private final String stderrTail;

        public CommandFailed(String message, int exitCode, String stderrTail) {
            super(message);
            this.exitCode = exitCode;
            this.stderrTail = stderrTail;
        }

        public int exitCode() {
            return exitCode;
        }

        public String stderrTail() {
            return stderrTail;
        }
    }

    /** A job stream ended without its final done/error line: the node died or dropped the connection. */
    public static final class NodeStopped extends S4ClientException {
        public NodeStopped(String node) {
            super("node " + node + " stopped answering");
        }

        public NodeStopped(String node, String reason) {
            super("node " + node + " stopped answering (" + reason + ")");
        }
    }

    /** The reader of the output closed it; not an error for a pipe stage. */
    public static final class OutputClosed extends S4ClientException {
        public OutputClosed(String what) {
            super(what + " was closed by its reader");
        }
    }
}
