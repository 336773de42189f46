package com.s4bsv.s4.shell.cli;

import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.shell.client.JobKind;
import com.s4bsv.s4.shell.client.S4Client;
import com.s4bsv.s4.shell.command.Cluster;
import com.s4bsv.s4.shell.command.Compute;
import com.s4bsv.s4.shell.command.Io;
import com.s4bsv.s4.shell.command.Transfers;
import com.s4bsv.s4.shell.command.Verb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

/**
 * {@code s4 COMMAND ARGS}: parses argv and runs one command on the plain client, without starting Spring — the
 * session's start-up would cost a one-shot command over a second (see bench/cli.sh).
 */
public final class OneShot {

    private final Io io;
    private final Function<CommandLine, S4Client> clients;

    public OneShot(Io io) {
        this(
                io,
                line -> new S4Client(
                        ClusterConfig.locate(line.conf() == null ? null : Path.of(line.conf())),
                        S4Client.Settings.fromEnvironment(System.getenv())));
    }

    OneShot(Io io, Function<CommandLine, S4Client> clients) {
        this.io = io;
        this.clients = clients;
    }

    /** Runs argv (non-empty) and returns the exit code; all output has been written and flushed. */
    public int run(String[] argv) {
        String name = argv[0];
        if (name.equals("-h") || name.equals("--help") || name.equals("help")) {
            print(Verb.topUsage());
            return ExitCodes.OK;
        }
        var verb = Verb.byName(name);
        if (verb.isEmpty()) {
            io.err().print("s4: unknown command '" + name + "'\n" + Verb.topUsage());
            io.err().flush();
            return ExitCodes.USAGE;
        }
        try {
            CommandLine line = CommandLine.parse(verb.get(), Arrays.asList(argv).subList(1, argv.length));
            if (line.help()) {
                print(verb.get().help());
                return ExitCodes.OK;
            }
            try (S4Client client = clients.apply(line)) {
                execute(line, client, io);
            }
            return ExitCodes.OK;
        } catch (RuntimeException e) {
            String message = ExitCodes.message(e);
            if (message != null) {
                io.err().println(message);
                io.err().flush();
            }
            return ExitCodes.of(e);
        }
    }

    /** The class-data-sharing training run of bin/s4 (see {@link Training}). */
    public static int train() {
        try {
            return Training.run();
        } catch (IOException e) {
            System.err.println("fatal: training run failed: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
    }

    /** Runs a parsed line; shared with the interactive session. */
    public static void execute(CommandLine line, S4Client client, Io io) {
        switch (line.verb()) {
            case CP -> new Transfers(client, io).cp(line.recursive(), line.arg(0), line.arg(1));
            case LS -> new Transfers(client, io).ls(line.recursive(), line.optionalArg(0));
            case RM -> new Transfers(client, io).rm(line.recursive(), line.arg(0));
            case EVAL -> new Compute(client, io).eval(line.arg(0), line.arg(1));
            case MAP -> new Compute(client, io).job(JobKind.MAP, line.arg(0), line.arg(1), line.arg(2));
            case MAP_TO_N -> new Compute(client, io).job(JobKind.MAP_TO_N, line.arg(0), line.arg(1), line.arg(2));
            case MAP_FROM_N -> new Compute(client, io).job(JobKind.MAP_FROM_N, line.arg(0), line.arg(1), line.arg(2));
            case CONFIG -> new Cluster(client, io).config();
            case HEALTH -> new Cluster(client, io).health();
        }
    }

    private void print(String text) {
        try {
            io.out().write(text.getBytes(StandardCharsets.UTF_8));
            io.out().flush();
        } catch (IOException e) {
            io.err().println("fatal: cannot write output: " + e.getMessage());
        }
    }
}
