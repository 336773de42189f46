package com.s4bsv.s4.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Temp files and dirs under the data root (same filesystem as the objects, so publishing is a link, never a copy).
 * Entries are registered while in use; anything else found here is garbage of a dead request: everything at
 * start-up, and entries older than the max age on each {@link #sweep()}.
 */
public final class TempSpace {

    private final Path dir;
    private final Duration maxAge;
    private final Clock clock;
    private final Set<Path> live = ConcurrentHashMap.newKeySet();
    // names: one random prefix per start and a counter, not a random UUID per entry (a SecureRandom call that took
    // a fifth of a tiny map key's time); creating the file or dir fails rather than reuse a name
    private final String prefix = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong counter = new AtomicLong();

    TempSpace(Path dir, Duration maxAge, Clock clock) {
        this.dir = dir;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public Path dir() {
        return dir;
    }

    /** A new empty temp file, deleted on {@link Entry#close()} unless it was moved away. */
    public Entry newFile() throws IOException {
        Path path = dir.resolve("f-" + nextName());
        live.add(path);
        try {
            Files.createFile(path);
        } catch (IOException e) {
            live.remove(path);
            throw e;
        }
        return new Entry(path);
    }

    /** A new empty temp dir, deleted with its contents on {@link Entry#close()}. */
    public Entry newDir() throws IOException {
        Path path = dir.resolve("d-" + nextName());
        live.add(path);
        try {
            Files.createDirectory(path);
        } catch (IOException e) {
            live.remove(path);
            throw e;
        }
        return new Entry(path);
    }

    private String nextName() {
        return prefix + "-" + Long.toString(counter.incrementAndGet(), 36);
    }

    /** Removes everything: at start-up no request is alive. */
    void clearAll() throws IOException {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (!live.contains(entry)) {
                    deleteTree(entry);
                }
            }
        }
    }

    /** Removes entries not in use and not modified within the max age; returns how many. */
    public int sweep() {
        Instant cutoff = clock.instant().minus(maxAge);
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                try {
                    if (!live.contains(entry)
                            && Files.getLastModifiedTime(entry).toInstant().isBefore(cutoff)) {
                        deleteTree(entry);
                        removed++;
                    }
                } catch (NoSuchFileException gone) {
                    // finished by its request meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }

    /**
     * Whether the filesystem of the data root has (almost) no space left: a command that fails then could not even
     * write its stdout or stderr, so its error must say why.
     */
    public boolean isFull() {
        try {
            return Files.getFileStore(dir).getUsableSpace() < DiskFull.NEARLY_FULL_BYTES;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether a command that failed with this stderr ran out of space: it said so, or the filesystem is full now.
     * Both, because concurrent tasks that end free their temp dirs, so the filesystem may have room again by the
     * time the failure is looked at.
     */
    public boolean ranOutOfSpace(String stderrTail) {
        return DiskFull.mentionsFull(stderrTail) || isFull();
    }

    /** Bytes currently held by temp files (for the temp-space gauge). */
    public long bytesUsed() {
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    total[0] += attrs.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return total[0];
        }
        return total[0];
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A temp file or dir in use; closing deletes whatever is still there. */
    public final class Entry implements AutoCloseable {

        private final Path path;

        private Entry(Path path) {
            this.path = path;
        }

        public Path path() {
            return path;
        }

        @Override
        public void close() throws IOException {
            try {
                deleteTree(path);
            } finally {
                live.remove(path);
            }
        }
    }
}
