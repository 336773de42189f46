package com.s4bsv.s4.shell.command;

import org.jspecify.annotations.Nullable;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** cp, ls and rm in the interactive session; the behaviour lives in {@link Transfers}. */
@Component
class TransferCommands {

    static final String CONF_HELP =
            "cluster config file (default: $S4_CONF_PATH, else ~/.s4.conf, else 127.0.0.1:8080)";
    static final String RECURSIVE_HELP = "work on every key under the prefix";

    private final SessionContext session;

    TransferCommands(SessionContext session) {
        this.session = session;
    }

    @Command(name = "cp", description = "copy data to or from s4", group = "Transfer",
            exitStatusExceptionMapper = "s4ExitStatus", completionProvider = "s4PathCompletion")
    void cp(@Option(shortName = 'r', longName = "recursive", description = RECURSIVE_HELP) boolean recursive,
            @Option(shortName = 'c', longName = "conf", description = CONF_HELP) @Nullable String conf,
            @Argument(index = 0, description = "local path, '-' or s4://bucket/key") String src,
            @Argument(index = 1, description = "local path, '-' or s4://bucket/key") String dst,
            CommandContext context) {
        if (src.equals("-")) {
            throw new com.s4bsv.s4.shell.client.S4ClientException(
                    "stdin is the terminal in the session; upload a file, or run 'bin/s4 cp - KEY' in a pipe");
        }
        new Transfers(session.client(conf), session.io(context)).cp(recursive, src, dst);
    }

    @Command(name = "ls", description = "list keys", group = "Transfer",
            exitStatusExceptionMapper = "s4ExitStatus", completionProvider = "s4PathCompletion")
    void ls(@Option(shortName = 'r', longName = "recursive", description = RECURSIVE_HELP) boolean recursive,
            @Option(shortName = 'c', longName = "conf", description = CONF_HELP) @Nullable String conf,
            @Argument(index = 0, description = "s4://bucket/prefix (none: list buckets)") @Nullable String prefix,
            CommandContext context) {
        new Transfers(session.client(conf), session.io(context)).ls(recursive,
                prefix == null || prefix.isEmpty() ? null : prefix);
    }

    @Command(name = "rm", description = "delete data from s4", group = "Transfer",
            exitStatusExceptionMapper = "s4ExitStatus", completionProvider = "s4PathCompletion")
    void rm(@Option(shortName = 'r', longName = "recursive", description = RECURSIVE_HELP) boolean recursive,
            @Option(shortName = 'c', longName = "conf", description = CONF_HELP) @Nullable String conf,
            @Argument(index = 0, description = "s4://bucket/key, or a prefix with -r") String prefix,
            CommandContext context) {
        new Transfers(session.client(conf), session.io(context)).rm(recursive, prefix);
    }
}
