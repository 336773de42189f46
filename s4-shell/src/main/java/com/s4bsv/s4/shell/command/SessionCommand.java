package com.s4bsv.s4.shell.command;

import com.s4bsv.s4.shell.cli.CommandLine;
import com.s4bsv.s4.shell.cli.OneShot;
import com.s4bsv.s4.shell.client.S4ClientException;
import java.util.ArrayList;
import java.util.List;
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

    public SessionCommand(Verb verb, SessionContext session, ExitStatusExceptionMapper exitStatus,
                          CompletionProvider paths) {
        super(verb.command(), verb.description(), verb.group());
        this.verb = verb;
        this.session = session;
        setExitStatusExceptionMapper(exitStatus);
        if (verb.takesPaths()) {
            setCompletionProvider(paths);
        }
        setOptions(options(verb));
    }

    private static List<CommandOption> options(Verb verb) {
        List<CommandOption> options = new ArrayList<>();
        if (verb.takesRecursive()) {
            options.add(CommandOption.with().shortName('r').longName("recursive").description(Verb.RECURSIVE_HELP)
                    .type(boolean.class).required(false).build());
        }
        options.add(CommandOption.with().shortName('c').longName("conf").description(Verb.CONF_HELP)
                .type(String.class).required(false).build());
        return options;
    }

    @Override
    public ExitStatus doExecute(CommandContext context) {
        CommandLine line = line(verb, context.parsedInput());
        if (verb == Verb.CP && line.arg(0).equals("-")) {
            throw new S4ClientException(
                    "stdin is the terminal in the session; upload a file, or run 'bin/s4 cp - KEY' in a pipe");
        }
        OneShot.execute(line, session.client(line.conf()), session.io(context));
        if (verb.isJob()) {
            // the one-shot form ends "ok ok ok " without a newline; in the session the prompt needs one
            context.outputWriter().println();
        }
        context.outputWriter().flush();
        return ExitStatus.OK;
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
        List<String> args = input.arguments().stream().map(CommandArgument::value).toList();
        return new CommandLine(verb, recursive, conf, args, false);
    }
}
