package com.s4bsv.s4.server.compute;

import com.s4bsv.s4.server.storage.ObjectStore;
import com.s4bsv.s4.server.storage.StoredObject;
import com.s4bsv.s4.server.storage.TempSpace;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** eval on this node: one command over one local key, its stdout the answer. */
final class Eval {

    /** The command's stdout, to be sent after it succeeded. */
    interface Answer {
        void send(long size, Path stdout) throws IOException;
    }

    private final ObjectStore store;
    private final CommandRunner runner;

    Eval(ObjectStore store, CommandRunner runner) {
        this.store = store;
        this.runner = runner;
    }

    /**
     * Runs {@code cmd} with the key's file as stdin in a fresh temp dir; on success hands stdout to {@code answer}.
     *
     * @throws CommandFailedException when the command fails or times out (nothing was sent)
     * @throws com.s4bsv.s4.server.storage.NoSuchKeyException when the key is not on this node
     */
    void run(com.s4bsv.s4.key.S4Key key, String cmd, Answer answer) throws IOException, InterruptedException {
        StoredObject input = store.get(key);
        try (TempSpace.Entry dir = store.temp().newDir()) {
            CommandResult result;
            Path stdout = dir.path().resolve("stdout");
            try (CommandRunner.CpuSlot slot = runner.acquire()) {
                Path work = Files.createDirectory(dir.path().resolve("work"));
                Path tmp = Files.createDirectory(dir.path().resolve("tmp"));
                result = runner.run(new Command(cmd, work, input.file(), stdout, dir.path().resolve("stderr"),
                        Map.of("filename", key.basename(), "TMPDIR", tmp.toString())));
            }
            if (!result.succeeded()) {
                throw CommandFailedException.of(key.toString(), result, runner.timeout());
            }
            answer.send(Files.size(stdout), stdout);
        }
    }

    static void copy(Path file, OutputStream out) throws IOException {
        Files.copy(file, out);
    }
}
