package com.s4bsv.s4.server.compute;

import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.key.InvalidKeyException;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.server.cluster.Cluster;
import com.s4bsv.s4.server.cluster.PeerClient;
import com.s4bsv.s4.server.cluster.PeerUnavailableException;
import com.s4bsv.s4.server.storage.KeyExistsException;
import com.s4bsv.s4.server.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What a command produced, and committing it: each output file becomes a key, on this node through the store, on
 * another node by a PUT to its owner carrying the CRC32C, which the owner verifies before publishing (so a cut
 * transfer publishes nothing).
 */
final class Outputs {

    /** map-to-n prints output paths; more than this is a command printing data by mistake. */
    static final int MAX_PRINTED_BYTES = 16 << 20;

    /** A peer that cannot be reached is tried this often (a dead node still fails within a second). */
    static final int SEND_ATTEMPTS = 3;

    private static final long RETRY_MILLIS = 100;

    private final ObjectStore store;
    private final Cluster cluster;
    private final PeerClient peers;

    Outputs(ObjectStore store, Cluster cluster, PeerClient peers) {
        this.store = store;
        this.cluster = cluster;
        this.peers = peers;
    }

    /** One file a command produced and the key it becomes. */
    record Output(S4Key key, Path file) {}

    /**
     * The outputs of a command that succeeded: its stdout as the task's one output or, for map-to-n, the files whose
     * paths it printed, one a line, relative to its working directory.
     *
     * @throws OutputException when an output is missing, not a file, or has a name no key can have
     */
    List<Output> produced(JobSpec spec, Task task, Sandbox sandbox) throws IOException {
        Path stdout = sandbox.stdout();
        if (spec.mode() != Mode.MAP_TO_N) {
            return List.of(new Output(outputKey(spec, task, task.output()), stdout));
        }
        if (Files.size(stdout) > MAX_PRINTED_BYTES) {
            throw new OutputException("map-to-n commands print the paths of their outputs, one per line; " + task.key()
                    + " printed more than " + (MAX_PRINTED_BYTES >> 20) + " MiB");
        }
        String printed;
        try (InputStream in = Files.newInputStream(stdout)) {
            printed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String folder = task.inputs().getFirst().key().basename() + "/";
        Path dir = sandbox.dir();
        List<Output> found = new ArrayList<>();
        int copies = 0;
        for (String line : printed.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String name = line.substring(line.lastIndexOf('/') + 1);
            S4Key key = outputKey(spec, task, folder + name);
            Path path = sandbox.work().resolve(line).normalize();
            if (!Files.exists(path)) {
                throw new OutputException(
                        "output '" + line + "' printed by the command on " + task.key() + " does not exist");
            }
            if (!Files.isRegularFile(path)) {
                throw new OutputException(
                        "output '" + line + "' printed by the command on " + task.key() + " is not a file");
            }
            if (!path.startsWith(dir) || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                // Never move a file the job does not own (or a link to one): publish a copy.
                Path copy = dir.resolve("copy-" + copies++);
                Files.copy(path, copy);
                path = copy;
            }
            found.add(new Output(key, path));
        }
        return found;
    }

    private static S4Key outputKey(JobSpec spec, Task task, String relative) {
        try {
            return spec.output(relative);
        } catch (InvalidKeyException e) {
            throw new OutputException("bad output name for " + task.key() + ": " + e.getMessage());
        }
    }

    /**
     * Commits every output of one command, in parallel; returns their bytes. On any failure removes the ones it
     * committed.
     *
     * @throws OutputException naming the first output that could not be stored
     */
    long commitAll(Task task, List<Output> produced) throws InterruptedException {
        if (produced.size() == 1) {
            Output only = produced.getFirst();
            return commit(only.key(), only.file());
        }
        List<Future<Long>> commits = new ArrayList<>();
        List<S4Key> committed = Collections.synchronizedList(new ArrayList<>());
        long bytes = 0;
        String error = null;
        boolean interrupted = false;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Output output : produced) {
                commits.add(executor.submit(() -> {
                    long size = commit(output.key(), output.file());
                    committed.add(output.key());
                    return size;
                }));
            }
            for (int i = 0; i < commits.size() && !interrupted; i++) {
                try {
                    bytes += commits.get(i).get();
                } catch (ExecutionException e) {
                    if (error == null) {
                        error = e.getCause() instanceof OutputException o
                                ? o.getMessage()
                                : "cannot store " + produced.get(i).key() + ": " + e.getCause();
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    commits.forEach(c -> c.cancel(true));
                }
            }
        }
        if (interrupted || error != null) {
            committed.forEach(this::remove);
        }
        if (interrupted) {
            throw new InterruptedException("cancelled while storing outputs of " + task.key());
        }
        if (error != null) {
            throw new OutputException(error + " (the other outputs of " + task.key() + " were removed)");
        }
        return bytes;
    }

    /**
     * Publishes {@code file} as {@code key}; returns its size. A local file is moved in (it must be in the data
     * root's temp space).
     *
     * @throws OutputException naming the key and the reason
     */
    long commit(S4Key key, Path file) throws InterruptedException {
        try {
            if (cluster.isLocal(key)) {
                return store.putFile(key, file).size();
            }
            return send(cluster.owner(key), key, file);
        } catch (KeyExistsException e) {
            throw new OutputException("key already exists: " + key);
        } catch (IOException | RuntimeException e) {
            if (e instanceof OutputException o) {
                throw o;
            }
            throw new OutputException("cannot store " + key + ": " + e.getMessage());
        }
    }

    /**
     * Sends {@code file} to its owner, whose upload takes one of that node's transfer slots. The sender holds none
     * of its own while it waits: when every node's slots were held by its own commands' sends, each waiting for a
     * slot on another node, no upload could start anywhere until the io-wait ran out (a map-to-n on 3 nodes failed
     * with 503 SlowDown after 5 minutes). Sends are bounded by the commands running, {@code --max-cpu-jobs}.
     */
    private long send(NodeAddress owner, S4Key key, Path file) throws IOException, InterruptedException {
        long[] crcAndSize = checksum(file);
        for (int attempt = 1; ; attempt++) {
            try {
                return sendOnce(owner, key, file, crcAndSize[0], crcAndSize[1], attempt > 1);
            } catch (PeerUnavailableException e) {
                if (attempt >= SEND_ATTEMPTS || Thread.currentThread().isInterrupted()) {
                    throw new OutputException("cannot send " + key + " to its owner: " + e.getMessage());
                }
                Thread.sleep(RETRY_MILLIS << (attempt - 1));
            }
        }
    }

    private long sendOnce(NodeAddress owner, S4Key key, Path file, long crc32c, long size, boolean retried)
            throws IOException {
        PeerClient.Answer answer = peers.putObject(owner, key, file, StreamingChecksum.toBase64(crc32c));
        if (answer.status() == 200) {
            return size;
        }
        if (answer.status() == 409 && "KeyAlreadyExists".equals(answer.code())) {
            // An earlier attempt may have landed with only its answer lost: then the key holds exactly our bytes.
            if (retried && holds(owner, key, crc32c, size)) {
                return size;
            }
            throw new OutputException("key already exists: " + key);
        }
        throw new OutputException("node " + owner + " refused " + key + ": HTTP " + answer.status() + " "
                + answer.code() + " " + answer.message());
    }

    private boolean holds(NodeAddress owner, S4Key key, long crc32c, long size) {
        PeerClient.Held held = peers.headObject(owner, key);
        return held != null && held.crc32cBase64().equals(StreamingChecksum.toBase64(crc32c)) && held.size() == size;
    }

    /** Best effort: removes an output committed by a job whose other outputs failed. */
    void remove(S4Key key) {
        try {
            if (cluster.isLocal(key)) {
                store.delete(key);
                return;
            }
            peers.deleteObject(cluster.owner(key), key);
        } catch (IOException | RuntimeException e) {
            // the error reported for the job names its keys; a leftover output is visible in listings
        }
    }

    /** {crc32c, size} of a file. */
    static long[] checksum(Path file) throws IOException {
        var crc = new StreamingChecksum();
        long size = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            // outputs of a map over tiny keys are tiny: no 1 MiB buffer for each
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(1, Math.min(1 << 20, in.size())));
            while (in.read(buffer.clear()) >= 0) {
                buffer.flip();
                size += buffer.remaining();
                crc.update(buffer);
            }
        }
        return new long[] {crc.value(), size};
    }

    /** An output could not be found or stored; the message is one line naming the key. */
    static final class OutputException extends RuntimeException {

        OutputException(String message) {
            super(message);
        }
    }
}
