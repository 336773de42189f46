package com.s4bsv.s4.shell.cli;

import com.s4bsv.s4.shell.command.Verb;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One parsed command line. Flags may appear anywhere: {@code -r}, {@code --recursive}, {@code --r},
 * {@code -r=true}, {@code -c PATH}, {@code -c=PATH}, {@code --conf PATH}, {@code --conf=PATH}; {@code -h} or
 * {@code --help} asks for help; a bare {@code -} is a positional (stdin/stdout) and {@code --} ends the flags.
 */
public record CommandLine(
        Verb verb, boolean recursive, @Nullable String conf, List<String> args, boolean help) {

    public CommandLine {
        args = List.copyOf(args);
    }

    public String arg(int i) {
        return args.get(i);
    }

    public @Nullable String optionalArg(int i) {
        return i < args.size() ? args.get(i) : null;
    }

    /** Parses the words after the command name; throws {@link UsageException} for what the verb does not accept. */
    public static CommandLine parse(Verb verb, List<String> words) {
        boolean recursive = false;
        String conf = null;
        boolean help = false;
        List<String> args = new ArrayList<>();
        boolean flags = true;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!flags || word.equals("-") || !word.startsWith("-")) {
                args.add(word);
                continue;
            }
            if (word.equals("--")) {
                flags = false;
                continue;
            }
            String name = word.startsWith("--") ? word.substring(2) : word.substring(1);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            switch (name) {
                case "h", "help" -> help = true;
                case "r", "recursive" -> {
                    if (!verb.takesRecursive()) {
                        throw unknown(verb, word);
                    }
                    recursive = value == null || parseBoolean(verb, word, value);
                }
                case "c", "conf" -> {
                    if (value == null) {
                        if (i + 1 >= words.size()) {
                            throw new UsageException("flag needs an argument: " + word + " (" + verb.usageLine() + ")");
                        }
                        value = words.get(++i);
                    }
                    conf = value;
                }
                default -> throw unknown(verb, word);
            }
        }
        if (help) {
            return new CommandLine(verb, recursive, conf, args, true);
        }
        if (args.size() < verb.minArgs() || args.size() > verb.maxArgs()) {
            String expected = verb.minArgs() == verb.maxArgs()
                    ? Integer.toString(verb.minArgs())
                    : verb.minArgs() + " to " + verb.maxArgs();
            throw new UsageException("s4 " + verb.command() + " takes " + expected + " argument"
                    + (expected.equals("1") ? "" : "s") + ", got " + args.size() + " (" + verb.usageLine() + ")");
        }
        return new CommandLine(verb, recursive, conf, args, false);
    }

    private static boolean parseBoolean(Verb verb, String word, String value) {
        return switch (value) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new UsageException("invalid boolean value in " + word + " (" + verb.usageLine() + ")");
        };
    }

    private static UsageException unknown(Verb verb, String word) {
        return new UsageException("flag provided but not defined: " + word + " (" + verb.usageLine() + ")");
    }
}
