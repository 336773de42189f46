package com.s4bsv.s4.shell.session;

import com.s4bsv.s4.shell.cli.CommandLine;
import com.s4bsv.s4.shell.command.Verb;
import java.util.List;
import java.util.Optional;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.DefaultCommandParser;
import org.springframework.shell.core.command.ParsedInput;

/**
 * Parses s4 commands in the session with the same rules as one-shot runs ({@link CommandLine}): shell quoting, flags
 * anywhere, {@code -r} never swallowing the next word. Spring Shell's default parser would read {@code ls -r s4://b/}
 * as the option {@code -r=s4://b/}. Built-in commands (help, clear, quit, ...) keep the default parser.
 */
final class S4CommandParser implements CommandParser {

    private final DefaultCommandParser builtIns;

    S4CommandParser(DefaultCommandParser builtIns) {
        this.builtIns = builtIns;
    }

    @Override
    public ParsedInput parse(String input) {
        List<String> words = Words.split(input.strip());
        Optional<Verb> verb = words.isEmpty() ? Optional.empty() : Verb.byName(words.getFirst());
        if (verb.isEmpty()) {
            return builtIns.parse(input);
        }
        CommandLine line = CommandLine.parse(verb.get(), words.subList(1, words.size()));
        ParsedInput.Builder parsed = ParsedInput.builder().commandName(verb.get().command());
        if (line.help()) {
            // the command prints its own long help, the same as 's4 COMMAND -h'
            return parsed.addOption(CommandOption.with().shortName('h').longName("help").value("true").build())
                    .build();
        }
        if (line.recursive()) {
            parsed.addOption(CommandOption.with().shortName('r').longName("recursive").value("true").build());
        }
        if (line.conf() != null) {
            parsed.addOption(CommandOption.with().shortName('c').longName("conf").value(line.conf()).build());
        }
        for (int i = 0; i < line.args().size(); i++) {
            parsed.addArgument(new CommandArgument(i, line.arg(i)));
        }
        return parsed.build();
    }
}
