package com.s4bsv.s4.shell.session;

import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.shell.cli.ExitCodes;
import com.s4bsv.s4.shell.command.SessionCommand;
import com.s4bsv.s4.shell.command.SessionContext;
import com.s4bsv.s4.shell.command.Verb;
import java.lang.reflect.InvocationTargetException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.exit.ExitStatusExceptionMapper;
import org.springframework.shell.jline.CommandCompleter;
import org.springframework.shell.jline.JLineInputProvider;
import org.springframework.shell.jline.PromptProvider;

/**
 * The interactive session's wiring: the s4 commands made from {@link Verb}, a one-line banner, s4's command-line
 * parser, the one exception-to-exit-status mapping shared with one-shot runs, completion of paths and the prompt.
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    @Bean
    CommandParser commandParser(CommandRegistry registry) {
        return new S4CommandParser(registry);
    }

    @Bean
    ExitStatusExceptionMapper s4ExitStatus() {
        return error -> {
            Throwable cause =
                    error instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : error;
            String message = ExitCodes.message(cause);
            if (message == null) {
                message = String.valueOf(cause.getMessage());
            }
            // the session prints "Error while executing command X: <description>"; the prefix would repeat that
            for (String prefix : new String[] {"fatal: ", "s4: "}) {
                if (message.startsWith(prefix)) {
                    message = message.substring(prefix.length());
                }
            }
            return new ExitStatus(ExitCodes.of(cause), message);
        };
    }

    /** The session's s4 commands: one per {@link Verb}, so the verb is the one place that describes a command. */
    @Bean
    SmartInitializingSingleton s4Commands(
            CommandRegistry registry,
            SessionContext session,
            ObjectProvider<Terminal> terminal,
            ExitStatusExceptionMapper s4ExitStatus,
            S4PathCompletion s4PathCompletion) {
        return () -> {
            for (Verb verb : Verb.values()) {
                registry.registerCommand(
                        new SessionCommand(verb, session, terminal.getIfAvailable(), s4ExitStatus, s4PathCompletion));
            }
        };
    }

    /** The prompt's line reader, except that Ctrl-C clears the line (as in bash) and Ctrl-D leaves. */
    @Bean
    @Primary
    JLineInputProvider s4InputProvider(LineReader lineReader, PromptProvider promptProvider, SessionContext session) {
        var provider = new JLineInputProvider(lineReader) {
            private boolean greeted;

            @Override
            public String readInput() {
                if (!greeted) {
                    // one line before the first prompt: which cluster the session talks to (an ApplicationRunner
                    // bean would replace Spring Shell's own runner)
                    greeted = true;
                    lineReader.getTerminal().writer().println(banner(session));
                    lineReader.getTerminal().writer().flush();
                }
                try {
                    return super.readInput();
                } catch (UserInterruptException e) {
                    return "";
                } catch (EndOfFileException e) {
                    return "exit";
                }
            }
        };
        provider.setPromptProvider(promptProvider);
        return provider;
    }

    @Bean
    S4PathCompletion s4PathCompletion(SessionContext session) {
        return new S4PathCompletion(session);
    }

    @Bean
    CommandCompleter commandCompleter(CommandRegistry registry, S4PathCompletion s4PathCompletion) {
        return new S4Completer(registry, s4PathCompletion);
    }

    static String banner(SessionContext session) {
        try {
            ClusterConfig config = session.client(null).config();
            return "s4: cluster " + config.source() + ", " + config.size() + (config.size() == 1 ? " node" : " nodes")
                    + " ('help' lists commands, Tab completes, Ctrl-C cancels, Ctrl-D leaves)";
        } catch (RuntimeException e) {
            return "s4: no usable cluster config: " + e.getMessage();
        }
    }

    @Bean
    PromptProvider s4Prompt() {
        return () -> new AttributedString("s4> ", AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN));
    }
}
