package com.s4bsv.s4.server.storage;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Bounds concurrent object transfers on this node ({@code --max-io-jobs}). */
public final class IoSlots {

    private final Semaphore slots;
    private final Duration wait;
    private final int size;

    public IoSlots(int size, Duration wait) {
        this.slots = new Semaphore(size, true);
        this.wait = wait;
        this.size = size;
    }

    /** A held slot; close it to give it back. Empty when none frees up in time. */
    public Optional<Slot> acquire() throws InterruptedException {
        if (!slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return Optional.empty();
        }
        return Optional.of(new Slot());
    }

    public int inUse() {
        return size - slots.availablePermits();
    }

    public final class Slot implements AutoCloseable {

        private boolean released;

        private Slot() {}

        @Override
        public void close() {
            if (!released) {
                released = true;
                slots.release();
            }
        }
    }
}
