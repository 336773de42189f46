package com.s4bsv.s4.shell.cli;

import com.s4bsv.s4.config.ConfigException;
import com.s4bsv.s4.key.InvalidKeyException;
import com.s4bsv.s4.shell.client.S4ClientException;
import com.s4bsv.s4.shell.command.QuietFailure;
import org.jspecify.annotations.Nullable;

/**
 * The one mapping from failures to exit codes and stderr text, used by one-shot runs and by the session's
 * {@code ExitStatusExceptionMapper}: 0 ok, 1 failure, 2 usage.
 */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private ExitCodes() {}

    public static int of(Throwable error) {
        return switch (error) {
            case UsageException u -> USAGE;
            case S4ClientException.OutputClosed c -> OK;
            default -> FAILURE;
        };
    }

    /** What to print on stderr (without trailing newline), or null for a quiet failure. */
    public static @Nullable String message(Throwable error) {
        return switch (error) {
            case QuietFailure q -> null;
            case S4ClientException.OutputClosed c -> null;
            case UsageException u -> "s4: " + u.getMessage();
            case S4ClientException.CommandFailed c ->
                "fatal: " + c.getMessage()
                        + (c.stderrTail().isBlank() ? "" : "\n" + c.stderrTail().stripTrailing());
            case S4ClientException c -> "fatal: " + c.getMessage();
            case InvalidKeyException k -> "fatal: " + keyMessage(k);
            case ConfigException c -> "fatal: " + c.getMessage();
            default ->
                "fatal: "
                        + (error.getMessage() == null
                                ? error.getClass().getSimpleName()
                                : error.getMessage().lines().findFirst().orElse(""));
        };
    }

    // The reference's wording for the two key errors scripts meet most (spec 4.9).
    private static String keyMessage(InvalidKeyException k) {
        if (k.rule().startsWith("needed key, got directory")) {
            return "needed key, got directory: " + k.key();
        }
        if (k.rule().startsWith("missing s4:// prefix")) {
            return "missing s4:// prefix: " + k.key();
        }
        return k.getMessage();
    }
}
