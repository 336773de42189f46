package com.s4bsv.s4.wire;

/** The S3 error document of a failed eval command (docs/compute-api.md): its codes and s4's extra elements. */
public final class CommandError {

    public static final String COMMAND_FAILED = "CommandFailed";
    public static final String COMMAND_TIMED_OUT = "CommandTimedOut";

    public static final String CODE = "Code";
    public static final String MESSAGE = "Message";
    public static final String KEY = "Key";
    public static final String EXIT_CODE = "ExitCode";
    public static final String STDERR = "Stderr";

    private CommandError() {}
}
