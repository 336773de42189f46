package com.s4bsv.s4.server.auth;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys in force: read from the keys file at start (a bad file stops the node) and read again by
 * {@link #reload()} (on a change of the file or SIGHUP; a bad file then keeps the keys in force and logs why).
 */
public final class Keys {

    private static final Logger log = LoggerFactory.getLogger(Keys.class);

    private final @Nullable Path file;
    private volatile @Nullable KeySet current;
    private final AtomicLong reloads = new AtomicLong();

    private Keys(@Nullable Path file, @Nullable KeySet keys) {
        this.file = file;
        this.current = keys;
    }

    public static Keys none() {
        return new Keys(null, null);
    }

    public static Keys of(KeySet keys) {
        return new Keys(null, keys);
    }

    /** @throws KeysFile.KeysFileException when the file cannot be used */
    public static Keys load(Path file) {
        return new Keys(file, KeysFile.read(file));
    }

    public boolean enabled() {
        return current != null;
    }

    /** The keys in force, or null when access is anonymous. */
    public @Nullable KeySet current() {
        return current;
    }

    public @Nullable Path file() {
        return file;
    }

    /** How many readings succeeded after the first. */
    public long reloads() {
        return reloads.get();
    }

    /** Reads the file again; returns whether the new keys are in force. */
    public synchronized boolean reload() {
        if (file == null) {
            return false;
        }
        try {
            KeySet keys = KeysFile.read(file);
            current = keys;
            reloads.incrementAndGet();
            log.info("keys file {} read again: {} key(s)", file, keys.keys().size());
            return true;
        } catch (KeysFile.KeysFileException e) {
            log.error("keys file not reloaded, the keys in force stay: {}", e.getMessage());
            return false;
        }
    }
}
