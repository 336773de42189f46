package com.s4bsv.bsv.arg;

import com.s4bsv.bsv.format.FatalException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The original's "argh" flag parser: flags are tried in declaration order on each argument; a
 * boolean {@code -x} also matches {@code -xrest} (then {@code -rest} is examined again), a value
 * flag takes the rest of its argument or the next argument; anything else is positional.
 */
public final class Argh {

    private final List<Flag> flags = new ArrayList<>();
    private final List<String> positionals = new ArrayList<>();

    private static final class Flag {
        final String shortName;
        final String longName;
        final boolean takesValue;
        boolean set;

        @Nullable String value;

        Flag(String shortName, String longName, boolean takesValue) {
            this.shortName = shortName;
            this.longName = longName;
            this.takesValue = takesValue;
        }
    }

    /** Declares a boolean flag; declaration order is matching order. */
    public Argh bool(String shortName, String longName) {
        flags.add(new Flag(shortName, longName, false));
        return this;
    }

    /** Declares a flag with a value. */
    public Argh value(String shortName, String longName) {
        flags.add(new Flag(shortName, longName, true));
        return this;
    }

    public Argh parse(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            boolean again = true;
            while (again) {
                again = false;
                boolean matched = false;
                for (Flag f : flags) {
                    if (!f.takesValue) {
                        if (arg.equals(f.shortName) || arg.equals(f.longName)) {
                            f.set = true;
                            matched = true;
                            break;
                        }
                        if (arg.length() > 2 && arg.startsWith(f.shortName)) {
                            f.set = true;
                            arg = "-" + arg.substring(2);
                            again = true;
                            matched = true;
                            break;
                        }
                    } else {
                        String name = arg.startsWith(f.shortName)
                                ? f.shortName
                                : arg.startsWith(f.longName) ? f.longName : null;
                        if (name != null) {
                            if (arg.length() > name.length()) {
                                f.value = arg.substring(name.length());
                            } else {
                                if (i + 1 >= args.size()
                                        || args.get(i + 1).isEmpty()
                                        || args.get(i + 1).startsWith("-")) {
                                    throw new FatalException("fatal: needs value " + f.longName + "\n");
                                }
                                f.value = args.get(++i);
                            }
                            f.set = true;
                            matched = true;
                            break;
                        }
                    }
                }
                if (!matched) {
                    positionals.add(arg);
                }
            }
        }
        return this;
    }

    /** Whether the flag with this short or long name was given. */
    public boolean isSet(String name) {
        return flag(name).set;
    }

    /** The value of a value flag, or null when absent. */
    public @Nullable String value(String name) {
        return flag(name).value;
    }

    public List<String> positionals() {
        return positionals;
    }

    private Flag flag(String name) {
        for (Flag f : flags) {
            if (f.shortName.equals(name) || f.longName.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("undeclared flag " + name);
    }
}
