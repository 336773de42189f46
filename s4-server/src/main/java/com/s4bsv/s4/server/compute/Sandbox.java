package com.s4bsv.s4.server.compute;

import com.s4bsv.s4.server.storage.StoredObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where one user command runs, laid out by {@link CommandRunner#prepare}. Paths and key names never go into the
 * script: stdin is redirected by the process builder and names travel in the environment, so a key like
 * {@code a;touch pwned} stays data.
 *
 * @param dir    the command's own temp dir, holding all the rest; removed after the command's outputs are stored
 * @param work   the working directory ({@code dir/work}, empty at the start)
 * @param stdin  the file to read as stdin, or null for none
 * @param stdout where stdout goes
 * @param stderr where stderr goes (its tail ends up in errors)
 * @param env    extra environment: {@code TMPDIR} ({@code dir/tmp}) and, with one input, its {@code filename}
 */
record Sandbox(Path dir, Path work, @Nullable Path stdin, Path stdout, Path stderr, Map<String, String> env) {

    /** What a command reads on stdin. */
    sealed interface Stdin {}

    /** One key's file, its basename in {@code $filename} (eval, map, map-to-n). */
    record KeyFile(StoredObject input) implements Stdin {}

    /** The absolute paths of the inputs' files, one a line (map-from-n). */
    record PathList(List<StoredObject> inputs) implements Stdin {}
}
