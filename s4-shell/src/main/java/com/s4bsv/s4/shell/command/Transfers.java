package com.s4bsv.s4.shell.command;

import com.s4bsv.s4.key.KeyOrder;
import com.s4bsv.s4.key.KeyRules;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.key.S4Prefix;
import com.s4bsv.s4.shell.client.BucketEntry;
import com.s4bsv.s4.shell.client.ObjectEntry;
import com.s4bsv.s4.shell.client.Parallel;
import com.s4bsv.s4.shell.client.Progress;
import com.s4bsv.s4.shell.client.S4Client;
import com.s4bsv.s4.shell.client.S4ClientException;
import com.s4bsv.s4.shell.progress.ProgressBar;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** cp, ls and rm: the behaviour of spec section 4.2-4.4 over {@link S4Client}, without any framework. */
public final class Transfers {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final S4Client client;
    private final Io io;

    public Transfers(S4Client client, Io io) {
        this.client = client;
        this.io = io;
    }

    // ---- cp ----

    public void cp(boolean recursive, String src, String dst) {
        boolean s4Src = src.startsWith(KeyRules.SCHEME);
        boolean s4Dst = dst.startsWith(KeyRules.SCHEME);
        if (s4Src && s4Dst) {
            throw new S4ClientException("there is no move, there is only cp and rm");
        }
        if (src.startsWith(KeyRules.SCHEME + "_") || dst.startsWith(KeyRules.SCHEME + "_")) {
            throw new S4ClientException("buckets cannot start with underscore");
        }
        if (!s4Src && !s4Dst) {
            throw new S4ClientException("src or dst needs s4://");
        }
        if (recursive) {
            if (s4Src) {
                getRecursive(src, dst);
            } else {
                putRecursive(src, dst);
            }
        } else if (s4Src) {
            get(src, dst);
        } else {
            put(src, dst);
        }
    }

    private void put(String src, String dst) {
        if (src.equals("-")) {
            S4Key key = S4Key.parse(dst);
            client.put(key, io.in(), progress(key.toString()));
            return;
        }
        Path file = Path.of(src);
        if (!Files.exists(file)) {
            throw new S4ClientException("no such file or directory: " + src);
        }
        if (Files.isDirectory(file)) {
            throw new S4ClientException(src + " is a directory (use cp -r)");
        }
        String keyText = dst.endsWith("/") ? dst + file.getFileName() : dst;
        S4Key key = S4Key.parse(keyText);
        client.put(key, file, progress(key.toString()));
    }

    private void get(String src, String dst) {
        S4Key key = S4Key.parse(src);
        if (dst.equals("-")) {
            client.get(key, io.out(), progress(key.toString()));
            flush(io.out());
            return;
        }
        Path target;
        if (dst.endsWith("/")) {
            target = Path.of(dst, key.basename());
        } else if (dst.equals(".")) {
            target = Path.of(key.basename());
        } else {
            target = Path.of(dst);
            if (Files.isDirectory(target)) {
                throw new S4ClientException(dst + " is a directory (end it with / to copy into it)");
            }
        }
        client.get(key, target, progress(key.toString()));
    }

    /** {@code cp -r LOCAL s4://b/prefix}: the contents of LOCAL go under the prefix, by relative path. */
    private void putRecursive(String src, String dst) {
        Path root = Path.of(src);
        if (!Files.exists(root)) {
            throw new S4ClientException("no such file or directory: " + src);
        }
        String base = dst.endsWith("/") ? dst.substring(0, dst.length() - 1) : dst;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> !Files.isDirectory(p)).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new S4ClientException("cannot walk " + src + ": " + e.getMessage());
        }
        // every key is checked before the first byte goes out, so a bad name uploads nothing
        List<Runnable> uploads = new ArrayList<>();
        Progress whole = progress(src);
        Progress part = Progress.partOf(whole);
        long total = 0;
        for (Path file : files) {
            String relative = Files.isDirectory(root)
                    ? slashes(root.relativize(file))
                    : file.getFileName().toString();
            S4Key key = S4Key.parse(base + "/" + relative);
            total += sizeOf(file);
            uploads.add(() -> client.put(key, file, part));
        }
        whole.start(total);
        Parallel.runAll(uploads, client.settings().parallelism());
        whole.finish();
    }

    /** {@code cp -r s4://b/prefix DST}: spec 4.2's local path rule (DST '.' keeps the last part of the prefix). */
    private void getRecursive(String src, String dst) {
        S4Prefix prefix = S4Prefix.parse(src);
        if (prefix.isAllBuckets()) {
            throw new S4ClientException("needed a bucket: " + src);
        }
        String p = prefix.prefix().endsWith("/")
                ? prefix.prefix().substring(0, prefix.prefix().length() - 1)
                : prefix.prefix();
        Path base = Path.of(dst).toAbsolutePath().normalize();
        List<Runnable> downloads = new ArrayList<>();
        Progress whole = progress(src);
        Progress part = Progress.partOf(whole);
        long total = 0;
        Iterator<ObjectEntry> it = client.list(prefix.bucket(), prefix.prefix(), false);
        while (it.hasNext()) {
            ObjectEntry entry = it.next();
            String path = entry.path();
            total += entry.size();
            String rest;
            if (dst.equals(".")) {
                int slash = p.lastIndexOf('/');
                rest = slash < 0 ? path : path.substring(slash + 1);
            } else {
                rest = path.substring(Math.min(p.length(), path.length()));
                while (rest.startsWith("/")) {
                    rest = rest.substring(1);
                }
                if (rest.isEmpty()) {
                    rest = path.substring(path.lastIndexOf('/') + 1);
                }
            }
            Path target = base.resolve(rest).normalize();
            if (!target.startsWith(base) || target.equals(base)) {
                throw new S4ClientException(
                        "refusing to write outside " + dst + ": s4://" + prefix.bucket() + "/" + path);
            }
            S4Key key = new S4Key(prefix.bucket(), path);
            downloads.add(() -> client.get(key, target, part));
        }
        whole.start(total);
        Parallel.runAll(downloads, client.settings().parallelism());
        whole.finish();
    }

    // ---- ls ----

    /** Prints listing rows; an empty listing prints nothing and fails quietly (spec 4.3). */
    public void ls(boolean recursive, @Nullable String arg) {
        var out = new Lines(io.out());
        boolean any;
        if (arg == null) {
            any = buckets(out, null);
        } else {
            if (!arg.startsWith(KeyRules.SCHEME)) {
                throw new S4ClientException("missing s4:// prefix: " + arg);
            }
            S4Prefix prefix = S4Prefix.parse(arg);
            if (prefix.isAllBuckets() && recursive) {
                any = everyKey(out);
            } else if (prefix.isAllBuckets()) {
                any = buckets(out, null);
            } else if (!recursive && arg.indexOf('/', KeyRules.SCHEME.length()) < 0) {
                any = buckets(out, prefix.bucket());
            } else if (recursive) {
                any = false;
                Iterator<ObjectEntry> it = client.list(prefix.bucket(), prefix.prefix(), false);
                while (it.hasNext()) {
                    ObjectEntry e = it.next();
                    out.row(e.lastModified(), Long.toString(e.size()), e.path());
                    any = true;
                }
            } else {
                any = false;
                String root = prefix.prefix().substring(0, prefix.prefix().lastIndexOf('/') + 1);
                Iterator<ObjectEntry> it = client.list(prefix.bucket(), prefix.prefix(), true);
                while (it.hasNext()) {
                    ObjectEntry e = it.next();
                    String name = e.path().substring(root.length());
                    if (e.isPrefix()) {
                        out.line("  PRE " + name);
                    } else {
                        out.row(e.lastModified(), Long.toString(e.size()), name);
                    }
                    any = true;
                }
            }
        }
        out.flush();
        if (!any) {
            throw new QuietFailure("nothing found");
        }
    }

    /** {@code ls -r s4://}: every key of every bucket, by bucket then key, the path column as {@code bucket/key}. */
    private boolean everyKey(Lines out) {
        List<BucketEntry> buckets = new ArrayList<>(client.listBuckets());
        buckets.sort(Comparator.comparing(BucketEntry::name, KeyOrder.CODE_POINTS));
        boolean any = false;
        for (BucketEntry bucket : buckets) {
            Iterator<ObjectEntry> it = client.list(bucket.name(), "", false);
            while (it.hasNext()) {
                ObjectEntry e = it.next();
                out.row(e.lastModified(), Long.toString(e.size()), bucket.name() + "/" + e.path());
                any = true;
            }
        }
        return any;
    }

    /** Bucket rows, by name descending as the reference prints them; only {@code only} when given. */
    private boolean buckets(Lines out, @Nullable String only) {
        List<BucketEntry> buckets = new ArrayList<>(client.listBuckets());
        buckets.sort(
                Comparator.comparing(BucketEntry::name, KeyOrder.CODE_POINTS).reversed());
        boolean any = false;
        for (BucketEntry b : buckets) {
            if (only == null || only.equals(b.name())) {
                out.row(b.created(), "0", b.name());
                any = true;
            }
        }
        return any;
    }

    // ---- rm ----

    public void rm(boolean recursive, String arg) {
        if (!arg.startsWith(KeyRules.SCHEME)) {
            throw new S4ClientException("missing s4:// prefix: " + arg);
        }
        if (!recursive) {
            client.delete(S4Key.parse(arg));
            return;
        }
        S4Prefix prefix = S4Prefix.parse(arg);
        if (prefix.isAllBuckets()) {
            throw new S4ClientException("needed a bucket: " + arg);
        }
        client.deletePrefix(prefix.bucket(), prefix.prefix());
        if (prefix.prefix().isEmpty()) {
            // the whole bucket went: it is no longer listed either
            client.deleteEmptyBucket(prefix.bucket());
        }
    }

    // ---- helpers ----

    private Progress progress(String label) {
        return io.progress() ? new ProgressBar(io.err(), label) : Progress.NONE;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new S4ClientException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String slashes(Path relative) {
        var parts = new ArrayList<String>();
        relative.forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }

    static void flush(OutputStream out) {
        try {
            out.flush();
        } catch (IOException e) {
            throw S4ClientException.writeFailed("output", e);
        }
    }

    /** Listing output: {@code <date> <time> <size> <path>}, UTC, one row per line, written as it is. */
    static final class Lines {
        private final OutputStream out;

        Lines(OutputStream out) {
            this.out = out;
        }

        void row(Instant time, String size, String path) {
            line(DATE.format(time) + " " + TIME.format(time) + " " + size + " " + path);
        }

        void line(String text) {
            try {
                out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw S4ClientException.writeFailed("output", e);
            }
        }

        void flush() {
            Transfers.flush(out);
        }
    }
}
