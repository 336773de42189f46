package com.s4bsv.s4.server.auth;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Reads the keys file again when its directory changes (an edit, a rename over it, a Kubernetes Secret's symlink
 * swap) and on SIGHUP.
 */
final class KeysWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeysWatcher.class);
    /** Every node of this JVM (tests run several); one signal handler reloads them all. */
    private static final Set<Keys> onHangup = ConcurrentHashMap.newKeySet();

    static {
        try {
            Signal.handle(new Signal("HUP"), signal -> onHangup.forEach(Keys::reload));
        } catch (IllegalArgumentException e) {
            log.warn(
                    "SIGHUP cannot be handled here ({}); the keys file is still read again when it changes",
                    e.getMessage());
        }
    }

    private final Keys keys;
    private final WatchService watcher;
    private final Thread thread;

    private KeysWatcher(Keys keys, Path directory) throws IOException {
        this.keys = keys;
        this.watcher = FileSystems.getDefault().newWatchService();
        directory.register(
                watcher,
                StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = Thread.ofPlatform().daemon().name("s4-keys-watcher").start(this::watch);
        onHangup.add(keys);
    }

    static KeysWatcher start(Keys keys) {
        Path file = keys.file();
        if (file == null) {
            throw new IllegalArgumentException("keys without a file are never reloaded");
        }
        Path directory = file.toAbsolutePath().getParent();
        try {
            return new KeysWatcher(keys, directory);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot watch " + directory + " for changes of the keys file: " + e.getMessage(), e);
        }
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                // Let an editor or kubelet finish its writes and renames, then read once for the whole burst.
                Thread.sleep(100);
                key.pollEvents();
                key.reset();
                keys.reload();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    @Override
    public void close() {
        onHangup.remove(keys);
        thread.interrupt();
        try {
            watcher.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
