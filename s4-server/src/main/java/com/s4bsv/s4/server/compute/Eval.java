package com.s4bsv.s4.server.compute;

import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.server.storage.NoSuchKeyException;
import com.s4bsv.s4.server.storage.ObjectStore;
import com.s4bsv.s4.server.storage.StoredObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

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
     * @throws NoSuchKeyException when the key is not on this node
     */
    void run(S4Key key, String cmd, Answer answer) throws IOException, InterruptedException {
        StoredObject input = store.get(key);
        try (CommandRunner.Ran ran = runner.runInTempDir(cmd, store.temp(), new Sandbox.KeyFile(input))) {
            if (!ran.result().succeeded()) {
                throw CommandFailedException.of(key.toString(), ran.result(), runner.timeout());
            }
            Path stdout = ran.sandbox().stdout();
            answer.send(Files.size(stdout), stdout);
        }
    }

    static void copy(Path file, OutputStream out) throws IOException {
        Files.copy(file, out);
    }
}
