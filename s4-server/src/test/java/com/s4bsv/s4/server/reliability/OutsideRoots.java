package com.s4bsv.s4.server.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a hostile input must never touch: every file and directory under a work dir outside the data roots (with
 * sentinel files named like the traversal targets planted beside and above each data root), and the top level of
 * each data root (where only bucket directories and the node's own {@code _} directories may appear).
 */
final class OutsideRoots {

    /** Names the traversal corpus aims at, planted beside and above every data root. */
    static final List<String> SENTINELS = List.of("x", "etc/passwd", "windows/win.ini", "escape", "S4CANARY.not");

    static final String CANARY_NAME = "S4CANARY";

    private final Path work;
    private final List<Path> dataRoots;
    private final Set<String> appendedByNodes;

    /**
     * @param appendedByNodes file names the nodes write to while running (their logs): checked for existence only
     */
    OutsideRoots(Path work, List<Path> dataRoots, Set<String> appendedByNodes) {
        this.work = work;
        this.dataRoots = dataRoots;
        this.appendedByNodes = appendedByNodes;
    }

    /** Plants the sentinels: beside each data root, in the work dir above them and in a sentinel dir of it. */
    void plant() throws IOException {
        List<Path> homes = new ArrayList<>(List.of(work, work.resolve("sentinel")));
        for (Path root : dataRoots) {
            homes.add(root.getParent());
        }
        for (Path home : homes) {
            for (String name : SENTINELS) {
                Path file = home.resolve(name);
                Files.createDirectories(file.getParent());
                Files.writeString(file, "sentinel " + name + "\n");
            }
        }
    }

    /** Path (relative to the work dir) to "size mtime" of every file and "dir" of every directory outside the roots. */
    Map<String, String> snapshot() {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> all = Files.walk(work)) {
            all.filter(p -> dataRoots.stream().noneMatch(p::startsWith)).forEach(p -> {
                try {
                    BasicFileAttributes a =
                            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    String rel = work.relativize(p).toString();
                    if (a.isDirectory()) {
                        state.put(rel, "dir");
                    } else if (appendedByNodes.contains(p.getFileName().toString())) {
                        state.put(rel, "node log");
                    } else {
                        state.put(
                                rel,
                                (a.isSymbolicLink() ? "link " : "") + a.size() + " "
                                        + a.lastModifiedTime().toMillis());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return state;
    }

    /** The entries at the top of every data root (buckets and the node's internal directories), from the work dir. */
    Set<String> topLevel() {
        Set<String> names = new TreeSet<>();
        for (Path root : dataRoots) {
            try (Stream<Path> entries = Files.list(root)) {
                entries.forEach(p ->
                        names.add(work.relativize(p) + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : "")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    /** Files named exactly like the canary anywhere under the work dir and the given extra dirs. */
    List<Path> canaries(Path... extraDirs) {
        List<Path> found = new ArrayList<>();
        List<Path> dirs = new ArrayList<>(List.of(extraDirs));
        dirs.add(work);
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> all = Files.walk(dir)) {
                all.filter(p -> p.getFileName() != null
                                && p.getFileName().toString().equals(CANARY_NAME))
                        .forEach(found::add);
            } catch (IOException | UncheckedIOException e) {
                // a directory that vanished while walked (a job's temp dir): nothing planted there
            }
        }
        return found;
    }

    /** Differences between two snapshots, one line each ("+ new", "- gone", "~ changed"). */
    static List<String> diff(Map<String, String> before, Map<String, String> after) {
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, String> e : before.entrySet()) {
            String now = after.get(e.getKey());
            if (now == null) {
                changes.add("- " + e.getKey());
            } else if (!now.equals(e.getValue())) {
                changes.add("~ " + e.getKey() + " (" + e.getValue() + " -> " + now + ")");
            }
        }
        for (String path : after.keySet()) {
            if (!before.containsKey(path)) {
                changes.add("+ " + path);
            }
        }
        return changes;
    }
}
