package com.s4bsv.s4.shell.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Downloads in progress, by their temp file. Ctrl-C ends a one-shot run through the shutdown hooks, and the hook
 * removes what was half written (unlike {@code deleteOnExit}, finished files leave the set).
 */
final class PartialFiles {

    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(PartialFiles::remove), "s4-partial-files"));
    }

    private PartialFiles() {}

    static void opened(Path temp) {
        OPEN.add(temp);
    }

    static void closed(Path temp) {
        OPEN.remove(temp);
    }

    private static void remove(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the process is ending; nothing else can be done
        }
    }
}
