package com.s4bsv.s4.shell.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code key} entries of the hostile corpus kept with s4-server's tests
 * ({@code s4-server/src/test/resources/.../reliability/hostile-keys.txt}, whose header says the format): one corpus
 * for every surface.
 */
final class HostileKeys {

    static final String CORPUS = "s4-server/src/test/resources/com/s4bsv/s4/server/reliability/hostile-keys.txt";

    /** One key: {@code data} (valid, must round-trip) or rejected with one clear error line. */
    record Entry(String id, boolean isData, String template) {

        String text(String bucket, Path canary) {
            return template.replace("@B@", bucket).replace("@CANARY@", canary.toString());
        }
    }

    private HostileKeys() {
    }

    static List<Entry> load(Path repoRoot) {
        List<Entry> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(repoRoot.resolve(CORPUS))) {
                String[] fields = line.split("\t", -1);
                if (line.startsWith("#") || fields.length != 4 || !fields[0].equals("key")) {
                    continue;
                }
                entries.add(new Entry(fields[1], fields[2].equals("data"), unescape(fields[3])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** Decodes the corpus escapes (the header of the corpus lists them). */
    static String unescape(String text) {
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
