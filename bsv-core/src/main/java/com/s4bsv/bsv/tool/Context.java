package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.format.Layout;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one run of a tool gets: its arguments (without the tool name), unbuffered standard streams
 * (tools buffer in whole chunks themselves), the chunk layout and the directory relative file names
 * resolve against.
 */
public record Context(List<String> args, InputStream in, OutputStream out, OutputStream err, Layout layout, Path dir) {

    public Context {
        args = List.copyOf(args);
    }

    /** A file name as given on the command line, resolved against {@link #dir()}. */
    public Path resolve(String name) {
        return dir.resolve(name);
    }

    /** Argument {@code i}, or null when there are fewer. */
    public @Nullable String arg(int i) {
        return i < args.size() ? args.get(i) : null;
    }
}
