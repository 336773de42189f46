package com.s4bsv.s4.shell.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the load test's clients were told: every acknowledged PUT (key, size, checksums) and every acknowledged
 * DELETE, plus every failure. Only acknowledgements go in, so afterwards the cluster must agree with it exactly.
 */
final class Ledger {

    /** Who wrote a key: the writer's checksum is the one the ledger trusts. */
    enum Writer {
        JAVA,
        BOTO3
    }

    /**
     * One acknowledged PUT. {@code crc32c} is -1 when the writer could not compute it (python has no CRC32C without
     * awscrt), then {@code crc32} (zlib's) is the writer's checksum.
     */
    record Written(String path, long size, long crc32c, long crc32, Writer writer) {

        boolean matches(ChecksumSink read) {
            return read.count() == size && read.crc32() == crc32 && (crc32c < 0 || read.crc32c() == crc32c);
        }

        String describe() {
            return "size=" + size + (crc32c < 0 ? "" : " crc32c=" + Long.toHexString(crc32c)) + " crc32="
                    + Long.toHexString(crc32) + " written by " + writer;
        }
    }

    private final Map<String, Written> live = new ConcurrentHashMap<>();
    private final Map<String, Written> deleted = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

    void put(Written written) {
        if (deleted.containsKey(written.path()) || live.putIfAbsent(written.path(), written) != null) {
            error("PUT of " + written.path() + " acknowledged, but the ledger already had that key");
        }
    }

    void delete(String path) {
        Written gone = live.remove(path);
        if (gone == null) {
            error("DELETE of " + path + " acknowledged for a key the ledger does not hold");
            return;
        }
        deleted.put(path, gone);
    }

    void error(String message) {
        errors.add(message);
    }

    List<Written> live() {
        return new ArrayList<>(live.values());
    }

    List<Written> deleted() {
        return new ArrayList<>(deleted.values());
    }

    List<String> errors() {
        return List.copyOf(errors);
    }
}
