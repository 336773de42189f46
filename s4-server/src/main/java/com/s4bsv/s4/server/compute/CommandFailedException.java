package com.s4bsv.s4.server.compute;

import java.time.Duration;

/** A user command exited non-zero or timed out; rendered as CommandFailed / CommandTimedOut. */
public final class CommandFailedException extends RuntimeException {

    private final String key;
    private final int exitCode;
    private final String stderrTail;
    private final boolean timedOut;

    CommandFailedException(String key, int exitCode, String stderrTail) {
        super("command failed on " + key + " with exit code " + exitCode);
        this.key = key;
        this.exitCode = exitCode;
        this.stderrTail = stderrTail;
        this.timedOut = false;
    }

    private CommandFailedException(String key, Duration timeout, String stderrTail) {
        super("timed out after " + timeout);
        this.key = key;
        this.exitCode = -1;
        this.stderrTail = stderrTail;
        this.timedOut = true;
    }

    static CommandFailedException of(String key, CommandResult result, Duration timeout) {
        return result.timedOut()
                ? new CommandFailedException(key, timeout, result.stderrTail())
                : new CommandFailedException(key, result.exitCode(), result.stderrTail());
    }

    public String key() {
        return key;
    }

    public int exitCode() {
        return exitCode;
    }

    public String stderrTail() {
        return stderrTail;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
