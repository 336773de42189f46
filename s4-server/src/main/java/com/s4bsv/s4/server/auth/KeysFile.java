package com.s4bsv.s4.server.auth;

import com.s4bsv.s4.sigv4.SigV4;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The keys file: one key a line, {@code ACCESS_KEY_ID SECRET ROLE}, separated by blanks; {@code #} starts a comment
 * line; blank lines are skipped. ROLE is {@code read}, {@code write}, {@code compute} or {@code cluster} (the key
 * the nodes sign their calls to each other with). Without a {@code cluster} line, the nodes derive one from all
 * the secrets of the file (so every node with the same file has the same, and nobody without all the secrets can
 * compute it).
 */
public final class KeysFile {

    /** The id of the derived cluster key; a key of the file may not use it. */
    static final String DERIVED_CLUSTER_ID = "s4-cluster";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private KeysFile() {}

    /** @throws KeysFileException naming the file and line of the first problem */
    public static KeySet read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KeysFileException("cannot read the keys file " + file + ": " + e.getMessage());
        }
        return parse(lines, file.toString());
    }

    static KeySet parse(List<String> lines, String source) {
        Map<String, AccessKey> keys = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1);
            String[] fields = line.split("[ \\t]+");
            if (fields.length != 3) {
                throw new KeysFileException(where + ": expected ACCESS_KEY_ID SECRET ROLE, got " + fields.length
                        + " field" + (fields.length == 1 ? "" : "s"));
            }
            if (!ID.matcher(fields[0]).matches() || fields[0].equals(DERIVED_CLUSTER_ID)) {
                throw new KeysFileException(where + ": '" + fields[0] + "' is not a valid access key id"
                        + " (letters, digits, '.', '_', '-'; not " + DERIVED_CLUSTER_ID + ")");
            }
            Role role;
            try {
                role = Role.parse(fields[2]);
            } catch (IllegalArgumentException e) {
                throw new KeysFileException(where + ": " + e.getMessage());
            }
            if (keys.putIfAbsent(fields[0], new AccessKey(fields[0], fields[1], role)) != null) {
                throw new KeysFileException(where + ": access key id " + fields[0] + " appears twice");
            }
        }
        if (keys.isEmpty()) {
            throw new KeysFileException(source + " has no keys (a line ACCESS_KEY_ID SECRET ROLE)");
        }
        AccessKey cluster = keys.values().stream()
                .filter(k -> k.role() == Role.CLUSTER)
                .findFirst()
                .orElseGet(() -> derivedClusterKey(keys));
        return new KeySet(Map.copyOf(keys), cluster);
    }

    private static AccessKey derivedClusterKey(Map<String, AccessKey> keys) {
        var all = new StringBuilder();
        keys.values().stream()
                .sorted((a, b) -> a.id().compareTo(b.id()))
                .forEach(k -> all.append(k.id())
                        .append(' ')
                        .append(k.secret())
                        .append(' ')
                        .append(k.role().wireName())
                        .append('\n'));
        String secret =
                HexFormat.of().formatHex(SigV4.hmac("s4 cluster key".getBytes(StandardCharsets.UTF_8), all.toString()));
        return new AccessKey(DERIVED_CLUSTER_ID, secret, Role.CLUSTER);
    }

    /** The keys file cannot be used; the message names it and the line. */
    public static final class KeysFileException extends RuntimeException {

        KeysFileException(String message) {
            super(message);
        }
    }
}
