package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.wire.Wire;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;

/** Gets of {@link S4Client}: into a stream, or into a file that appears only once its checksum matched. */
final class Downloads {

    private final NodeCalls calls;

    Downloads(NodeCalls calls) {
        this.calls = calls;
    }

    long get(S4Key key, OutputStream out, Progress progress) {
        try (Download download = open(key)) {
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

    private Download open(S4Key key) {
        NodeAddress node = calls.owner(key);
        String what = key.toString();
        URI uri = calls.objectUri(key);
        DirectGet get = DirectGet.open(
                node,
                what,
                uri,
                calls.http().signedGetHeaders(uri, Map.of("x-amz-checksum-mode", "ENABLED")),
                calls.settings().connectTimeout(),
                calls.settings().responseTimeout());
        if (get.status != 200) {
            String body = get.errorBody();
            get.close();
            throw Http.failure(node, what, get.status, body);
        }
        String expected = get.header(Wire.CHECKSUM_CRC32C);
        if (expected == null) {
            get.close();
            throw new S4ClientException.ChecksumMismatch("node " + node + " sent " + what + " without a "
                    + Wire.CHECKSUM_CRC32C + " header; refusing unverified data");
        }
        return new Download(node, what, get, expected);
    }
}
