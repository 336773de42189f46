package com.s4bsv.s4.server.reliability;

import com.s4bsv.s4.checksum.StreamingChecksum;
import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Looks at a node's data root from outside: every file under a bucket dir is a key only if it carries the
 * {@code user.s4.crc32c} xattr, and then its bytes must match it; anything under {@code _tmp} is a temp file.
 */
final class DataDirs {

    private DataDirs() {}

    /** What one data root holds: keys (bucket-relative "bucket/path"), damaged keys, temp entries. */
    record Sweep(List<String> keys, List<String> corrupted, List<String> temp) {}

    static Sweep sweep(Path dataDir) {
        List<String> keys = new ArrayList<>();
        List<String> corrupted = new ArrayList<>();
        List<String> temp = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dataDir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.equals("_tmp")) {
                    try (Stream<Path> left = Files.list(entry)) {
                        left.forEach(p -> temp.add(p.toString()));
                    }
                } else if (!name.startsWith("_") && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    try (Stream<Path> files = Files.walk(entry)) {
                        for (Path file : files.filter(Files::isRegularFile).toList()) {
                            String key = dataDir.relativize(file).toString();
                            String stored = crcAttribute(file);
                            if (stored == null) {
                                corrupted.add(key + ": a file without checksum (half-written?)");
                                continue;
                            }
                            keys.add(key);
                            String actual = StreamingChecksum.toHex(crc32c(file));
                            if (!actual.equals(stored)) {
                                corrupted.add(key + ": bytes have CRC32C " + actual + ", xattr says " + stored);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keys.sort(null);
        return new Sweep(keys, corrupted, temp);
    }

    /** Temp entries of the given roots, waiting up to 10 s for requests that are still finishing. */
    static List<String> tempLeftovers(List<Path> dataDirs) throws InterruptedException {
        long deadline =
                System.nanoTime() + TestTimeouts.atLeast(Duration.ofSeconds(10)).toNanos();
        while (true) {
            List<String> left = new ArrayList<>();
            for (Path dir : dataDirs) {
                left.addAll(sweep(dir).temp());
            }
            if (left.isEmpty() || System.nanoTime() > deadline) {
                return left;
            }
            Thread.sleep(100);
        }
    }

    static @Nullable String crcAttribute(Path file) throws IOException {
        UserDefinedFileAttributeView view =
                Files.getFileAttributeView(file, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (!view.list().contains("s4.crc32c")) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.allocate(view.size("s4.crc32c"));
        view.read("s4.crc32c", buffer);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    }

    static long crc32c(Path file) throws IOException {
        var crc = new StreamingChecksum();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.value();
    }

    static String base64(byte[] data) {
        return new StreamingChecksum().update(data, 0, data.length).base64();
    }
}
