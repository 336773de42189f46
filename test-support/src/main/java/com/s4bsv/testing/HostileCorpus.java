package com.s4bsv.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The hostile keys and raw request paths of {@code hostile-keys.txt} (its header says the format), each with the
 * outcome it must have: one corpus for every surface (S3 front, compute endpoints, the s4 client).
 */
public final class HostileCorpus {

    private static final String RESOURCE = "hostile-keys.txt";

    /** One line of the corpus, escapes decoded, placeholders not yet filled. */
    public record Entry(String kind, String id, String expect, String template) {

        public boolean isKey() {
            return kind.equals("key");
        }

        /** A valid key that must be stored as data (key) or the literal key a raw path must store (uri). */
        public boolean isData() {
            return expect.equals("data") || expect.startsWith("data:");
        }

        /** The S3 error codes that count as the right answer (empty for data). */
        public Set<String> codes() {
            if (isData()) {
                return Set.of();
            }
            String codes = expect.substring(expect.indexOf(':') + 1);
            return Set.of(codes.split("\\|"));
        }

        /** For a uri entry: the expected HTTP status. */
        public int status() {
            return Integer.parseInt(expect.substring(0, expect.indexOf(':')));
        }

        /** For a data uri entry: the key (path in the bucket) the raw path must store. */
        public String storedPath() {
            return expect.substring("data:".length());
        }

        public String text(String bucket, Path canary) {
            return template.replace("@B@", bucket).replace("@CANARY@", canary.toString());
        }
    }

    private HostileCorpus() {}

    public static List<Entry> load() {
        try (InputStream in = HostileCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Entry> keys() {
        return load().stream().filter(Entry::isKey).toList();
    }

    public static List<Entry> uris() {
        return load().stream().filter(e -> !e.isKey()).toList();
    }

    public static List<Entry> parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 4) {
                throw new IllegalArgumentException("corpus line needs 4 TAB-separated fields: " + line);
            }
            entries.add(new Entry(fields[0], fields[1], unescape(fields[2]), unescape(fields[3])));
        }
        return entries;
    }

    public static String unescape(String text) {
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = text.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case '0' -> out.append('\0');
                case '\\' -> out.append('\\');
                case 'x' -> {
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'L' -> {
                    int end = text.indexOf(';', i);
                    out.append("x".repeat(Integer.parseInt(text.substring(i + 1, end))));
                    i = end;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e + " in " + text);
            }
        }
        return out.toString();
    }
}
