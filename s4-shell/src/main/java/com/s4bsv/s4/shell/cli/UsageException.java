package com.s4bsv.s4.shell.cli;

/** A command line that cannot be run as written (exit 2). */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
