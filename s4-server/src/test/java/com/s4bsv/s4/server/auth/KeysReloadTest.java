package com.s4bsv.s4.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sun.misc.Signal;

/** The keys file is read again when it changes and on SIGHUP; a broken file keeps the keys in force. */
class KeysReloadTest {

    /** The watcher reacts in about 100 ms; the limit is the tests' start timeout, for a loaded machine. */
    static final Duration WAIT = TestTimeouts.start();

    @TempDir
    Path dir;

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void anEditIsPickedUp() throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, "a as read\n");
        Keys keys = Keys.load(file);
        try (KeysWatcher watcher = KeysWatcher.start(keys)) {
            Files.writeString(file, "a as read\nb bs write\n");
            await(() -> keys.current().find("b") != null, "key b");
            assertThat(keys.current().find("b").role()).isEqualTo(Role.WRITE);
        }
    }

    @Test
    void aSecretSwappedInAsKubernetesDoesIsPickedUp() throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, "a as read\n");
        Keys keys = Keys.load(file);
        try (KeysWatcher watcher = KeysWatcher.start(keys)) {
            Path next = dir.resolve(".keys.tmp");
            Files.writeString(next, "a new compute\n");
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            await(() -> keys.current().find("a").secret().equals("new"), "the new secret");
        }
    }

    @Test
    void aBrokenFileKeepsTheKeysInForce() throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, "a as read\n");
        Keys keys = Keys.load(file);
        Files.writeString(file, "a as\n");
        assertThat(keys.reload()).isFalse();
        assertThat(keys.current().find("a")).isNotNull();
    }

    @Test
    void sighupReadsTheFileAgain() throws IOException, InterruptedException {
        Path file = dir.resolve("keys");
        Files.writeString(file, "a as read\n");
        Keys keys = Keys.load(file);
        try (KeysWatcher watcher = KeysWatcher.start(keys)) {
            // The file does not change, so only the signal can make it read again.
            assertThat(keys.reloads()).isZero();
            Signal.raise(new Signal("HUP"));
            await(() -> keys.reloads() > 0, "a reload after SIGHUP");
        }
    }
}
