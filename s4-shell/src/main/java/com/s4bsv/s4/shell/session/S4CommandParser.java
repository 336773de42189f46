package com.s4bsv.s4.shell.session;

import com.s4bsv.s4.shell.cli.CommandLine;
import com.s4bsv.s4.shell.cli.UsageException;
import com.s4bsv.s4.shell.command.Verb;
import java.util.List;
import java.util.Optional;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.DefaultCommandParser;
import org.springframework.shell.core.command.ParsedInput;

/**
 * Parses s4 commands in the session with the same rules as one-shot runs ({@link CommandLine}): shell quoting, flags
 * anywhere, {@code -r} never swallowing the next word. Spring Shell's default parser would read {@code ls -r s4://b/}
 * as the option {@code -r=s4://b/}. Built-in commands (help, clear, quit, ...) keep the default parser.
 */
final class S4CommandParser implements CommandParser {

    private final CommandRegistry registry;
    private final DefaultCommandParser builtIns;

    S4CommandParser(CommandRegistry registry) {
        this.registry = registry;
        this.builtIns = new DefaultCommandParser(registry);
    }

    @Override
    public ParsedInput parse(String input) {
        List<String> words = Words.split(input.strip());
        Optional<Verb> verb = words.isEmpty() ? Optional.empty() : Verb.byName(words.getFirst());
        if (verb.isEmpty()) {
            if (!words.isEmpty()
                    && registry.getCommandByName(words.getFirst()) == null
                    && registry.getCommandByAlias(words.getFirst()) == null) {
                throw new UsageException("unknown command '" + words.getFirst() + "'; did you mean '"
                        + nearest(words.getFirst()) + "'? ('help' lists them)");
            }
            return builtIns.parse(input);
        }
        CommandLine line = CommandLine.parse(verb.get(), words.subList(1, words.size()));
        ParsedInput.Builder parsed =
                ParsedInput.builder().commandName(verb.get().command());
        if (line.help()) {
            // the command prints its own long help, the same as 's4 COMMAND -h'
            return parsed.addOption(CommandOption.with()
                            .shortName('h')
                            .longName("help")
                            .value("true")
                            .build())
                    .build();
        }
        if (line.recursive()) {
            parsed.addOption(CommandOption.with()
                    .shortName('r')
                    .longName("recursive")
                    .value("true")
                    .build());
        }
        if (line.conf() != null) {
            parsed.addOption(CommandOption.with()
                    .shortName('c')
                    .longName("conf")
                    .value(line.conf())
                    .build());
        }
        for (int i = 0; i < line.args().size(); i++) {
            parsed.addArgument(new CommandArgument(i, line.arg(i)));
        }
        return parsed.build();
    }

    /** The registered command with the fewest edits from {@code word}. */
    String nearest(String word) {
        String best = "help";
        int bestDistance = Integer.MAX_VALUE;
        for (Command command : registry.getCommands()) {
            int d = distance(word, command.getName());
            if (d < bestDistance || (d == bestDistance && command.getName().compareTo(best) < 0)) {
                best = command.getName();
                bestDistance = d;
            }
        }
        return best;
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
