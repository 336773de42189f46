package com.s4bsv.s4.server.compute;

import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One user command to run. Paths and key names never go into the script: stdin is redirected by the process
 * builder and names travel in the environment, so a key like {@code a;touch pwned} stays data.
 *
 * @param script  the user's bash text, as sent
 * @param workDir the working directory (empty, inside the job's temp dir)
 * @param stdin   the file to read as stdin, or null for none
 * @param stdout  where stdout goes
 * @param stderr  where stderr goes (its tail ends up in errors)
 * @param env     extra environment, e.g. {@code filename}
 */
record Command(String script, Path workDir, @Nullable Path stdin, Path stdout, Path stderr, Map<String, String> env) {
}
