package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.sigv4.SigV4;
import com.s4bsv.s4.wire.Wire;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/** Gets of {@link S4Client}: into a stream, or into a file that appears only once its checksum matched. */
final class Downloads {

    private final NodeCalls calls;

    Downloads(NodeCalls calls) {
        this.calls = calls;
    }

    long get(S4Key key, OutputStream out, Progress progress) {
        try (Download download = open(key)) {
            if (out instanceof ChannelOutput stdout) {
                return download.copyTo(stdout, progress);
            }
            return download.copyTo(out, progress);
        }
    }

    long get(S4Key key, Path target, Progress progress) {
        try (Download download = open(key)) {
            Path absolute = target.toAbsolutePath();
            if (Files.exists(absolute) && !Files.isRegularFile(absolute) && !Files.isDirectory(absolute)) {
                // a device or a pipe (/dev/null, a fifo): write into it; renaming a temp file over it would replace it
                try (OutputStream out = Files.newOutputStream(absolute)) {
                    return download.copyTo(out, progress);
                } catch (IOException e) {
                    throw new S4ClientException(
                            "cannot write " + target + " (from " + key + "): " + Causes.describe(e), e);
                }
            }
            Path dir = absolute.getParent();
            Path temp = null;
            try {
                Files.createDirectories(dir);
                temp = dir.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".s4part");
                PartialFiles.opened(temp);
                long n;
                // created as open(2) would (0666 less the umask), not 0600 as Files.createTempFile makes it
                try (FileChannel out =
                        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    n = download.copyTo(out, progress);
                }
                try {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
                }
                PartialFiles.closed(temp);
                temp = null;
                return n;
            } catch (IOException e) {
                throw new S4ClientException("cannot write " + target + " (from " + key + "): " + Causes.describe(e), e);
            } finally {
                if (temp != null) {
                    try {
                        Files.deleteIfExists(temp);
                    } catch (IOException ignored) {
                        // the original failure is what the user needs to see
                    }
                    PartialFiles.closed(temp);
                }
            }
        }
    }

    /** Sends the GET over a connection of its own and reads the answer's head; the body is left for the caller. */
    private Download open(S4Key key) {
        NodeAddress node = calls.owner(key);
        String what = key.toString();
        Connection connection = calls.http().connect(node, what);
        Answer answer;
        try {
            var head = new RequestHead("GET", calls.objectUri(key)).header("x-amz-checksum-mode", "ENABLED");
            connection.write(head.bytes(calls.http().signing(), SigV4.UNSIGNED_PAYLOAD));
            answer = new AnswerReader(connection).answer(calls.settings().responseTimeout());
        } catch (IOException e) {
            connection.close();
            throw Transport.failure(node, what, e);
        }
        if (answer.status != 200) {
            String body = answer.errorBody();
            connection.close();
            throw Http.failure(node, what, answer.status, body);
        }
        String expected = answer.header(Wire.CHECKSUM_CRC32C);
        if (expected == null) {
            connection.close();
            throw new S4ClientException.ChecksumMismatch("node " + node + " sent " + what + " without a "
                    + Wire.CHECKSUM_CRC32C + " header; refusing unverified data");
        }
        return new Download(node, what, connection, answer, expected);
    }
}
