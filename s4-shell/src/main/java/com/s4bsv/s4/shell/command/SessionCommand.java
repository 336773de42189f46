package com.s4bsv.s4.shell.command;

import com.s4bsv.s4.shell.cli.CommandLine;
import com.s4bsv.s4.shell.cli.OneShot;
import com.s4bsv.s4.shell.client.S4Client;
import com.s4bsv.s4.shell.client.S4ClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.terminal.Terminal;
import org.jspecify.annotations.Nullable;
import org.springframework.shell.core.command.AbstractCommand;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.ParsedInput;
import org.springframework.shell.core.command.completion.CompletionProvider;
import org.springframework.shell.core.command.exit.ExitStatusExceptionMapper;

/**
 * One s4 command in the interactive session, made from its {@link Verb}: name, description, group and options come
 * from the verb, and running it is {@link OneShot#execute}, as for one-shot runs.
 */
public final class SessionCommand extends AbstractCommand {

    private final Verb verb;
    private final SessionContext session;
    private final @Nullable Terminal terminal;

    public SessionCommand(
            Verb verb,
            SessionContext session,
            @Nullable Terminal terminal,
            ExitStatusExceptionMapper exitStatus,
            CompletionProvider paths) {
        super(verb.command(), verb.description(), verb.group(), verb.help(), false);
        this.verb = verb;
        this.session = session;
        this.terminal = terminal;
        setExitStatusExceptionMapper(exitStatus);
        if (verb.takesPaths()) {
            setCompletionProvider(paths);
        }
        setOptions(options(verb));
    }

    private static List<CommandOption> options(Verb verb) {
        List<CommandOption> options = new ArrayList<>();
        if (verb.takesRecursive()) {
            options.add(CommandOption.with()
                    .shortName('r')
                    .longName("recursive")
                    .description(Verb.RECURSIVE_HELP)
                    .type(boolean.class)
                    .required(false)
                    .build());
        }
        options.add(CommandOption.with()
                .shortName('c')
                .longName("conf")
                .description(Verb.CONF_HELP)
                .type(String.class)
                .required(false)
                .build());
        return options;
    }

    @Override
    public ExitStatus doExecute(CommandContext context) {
        CommandLine line = line(verb, context.parsedInput());
        if (verb == Verb.CP && line.arg(0).equals("-")) {
            throw new S4ClientException(
                    "stdin is the terminal in the session; upload a file, or run 'bin/s4 cp - KEY' in a pipe");
        }
        S4Client client = session.client(line.conf());
        if (!runUntilCtrlC(() -> OneShot.execute(line, client, session.io(context)), client)) {
            // after the ^C the terminal echoed (and a progress bar, if any)
            context.outputWriter().println();
            context.outputWriter().println("cancelled");
        } else if (verb.isJob()) {
            // the one-shot form ends "ok ok ok " without a newline; in the session the prompt needs one
            context.outputWriter().println();
        }
        context.outputWriter().flush();
        return ExitStatus.OK;
    }

    /**
     * Runs the command; Ctrl-C (SIGINT, as the terminal is not in raw mode while a command runs) aborts the client's
     * transfers and interrupts the command instead of ending the session. False when it was cancelled.
     */
    private boolean runUntilCtrlC(Runnable command, S4Client client) {
        if (terminal == null) {
            command.run();
            return true;
        }
        Thread running = Thread.currentThread();
        var cancelled = new AtomicBoolean();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> {
            cancelled.set(true);
            client.abort();
            running.interrupt();
        });
        try {
            command.run();
        } catch (RuntimeException e) {
            if (!cancelled.get()) {
                throw e;
            }
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            Thread.interrupted();
        }
        return !cancelled.get();
    }

    /** The command line {@code S4CommandParser} turned into Spring Shell's parsed input, back as a command line. */
    static CommandLine line(Verb verb, ParsedInput input) {
        boolean recursive = false;
        @Nullable String conf = null;
        for (CommandOption option : input.options()) {
            if (option.shortName() == 'r') {
                recursive = Boolean.parseBoolean(option.value());
            } else if (option.shortName() == 'c') {
                conf = option.value();
            }
        }
        List<String> args =
                input.arguments().stream().map(CommandArgument::value).toList();
        return new CommandLine(verb, recursive, conf, args, false);
    }
}
