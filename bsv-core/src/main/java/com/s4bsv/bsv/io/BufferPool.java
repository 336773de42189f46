package com.s4bsv.bsv.io;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The large byte arrays of chunk readers and writers, recycled between the tool runs of one JVM. A node runs a
 * pipeline per key, and each stage's buffers grow from 64 KiB to B (5 MiB by default): about 13 MB allocated per
 * buffer per key, most of it too large for a young generation, so collections copied or promoted it and a map-to-n
 * spent more time in the collector than in the tools.
 *
 * <p>Arrays are lent to a {@link Scope}, which {@code Runner} opens on the thread of each tool run: when the run
 * ends, every array it still holds goes back to the pool, as does an array replaced by a larger one on the way.
 * Nothing of a run outlives it (its readers, writers and rows are its own), so no array is used after its return.
 * Outside a scope {@link #take} allocates and {@link #give} leaves the array to the collector. The JVM's pool keeps
 * at most {@link #MAX_POOLED_BYTES}: when full, it drops older arrays to keep the one just returned.
 */
public final class BufferPool {

    /** Bytes the shared pool keeps at most: a sixteenth of the max heap, at most 128 MiB. */
    static final long MAX_POOLED_BYTES =
            Math.min(128L << 20, Runtime.getRuntime().maxMemory() / 16);

    private static final BufferPool SHARED = new BufferPool(MAX_POOLED_BYTES);
    private static final ThreadLocal<@Nullable Scope> CURRENT = new ThreadLocal<>();

    private final long maxBytes;
    private final ConcurrentHashMap<Integer, ConcurrentLinkedDeque<byte[]>> free = new ConcurrentHashMap<>();
    private final AtomicLong pooled = new AtomicLong();

    BufferPool(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Lends arrays of the JVM's pool to the calling thread until the scope is closed (on the same thread). */
    public static Scope open() {
        return SHARED.openScope();
    }

    Scope openScope() {
        Scope scope = new Scope(this, CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /**
     * An array of at least {@code min} bytes, zeroed as a new one is: the power of two at or above {@code min},
     * but at most {@code cap} ({@code min <= cap}), so that arrays grown alike are pooled alike.
     */
    public static byte[] take(int min, int cap) {
        int length = lengthFor(min, cap);
        Scope scope = CURRENT.get();
        if (scope == null) {
            return new byte[length];
        }
        byte[] array = scope.pool.reuse(length);
        if (array == null) {
            array = new byte[length];
        }
        scope.owned.add(array);
        return array;
    }

    /**
     * Replaces {@code old} by an array of at least {@code min} bytes ({@link #take}) holding its first {@code keep}
     * bytes, and gives {@code old} back: its user must hold no other reference to it.
     */
    public static byte[] grow(byte[] old, int min, int cap, int keep) {
        byte[] larger = take(min, cap);
        System.arraycopy(old, 0, larger, 0, keep);
        give(old);
        return larger;
    }

    /** Gives back an array {@link #take} lent to this thread's scope, once its user holds no reference to it. */
    static void give(byte[] array) {
        Scope scope = CURRENT.get();
        if (scope != null && scope.owned.remove(array)) {
            scope.pool.keep(array);
        }
    }

    static int lengthFor(int min, int cap) {
        if (min > cap) {
            throw new IllegalArgumentException("min " + min + " > cap " + cap);
        }
        if (min <= 1) {
            return Math.max(0, min);
        }
        long power = Long.highestOneBit(min - 1L) << 1;
        return (int) Math.min(cap, power);
    }

    /** Bytes kept in this pool now. */
    long pooledBytes() {
        return pooled.get();
    }

    private byte @Nullable [] reuse(int length) {
        ConcurrentLinkedDeque<byte[]> arrays = free.get(length);
        byte[] array = arrays == null ? null : arrays.pollFirst();
        if (array != null) {
            pooled.addAndGet(-length);
            Arrays.fill(array, (byte) 0);
        }
        return array;
    }

    /** Pools {@code array}, making room by dropping the least recently kept arrays when full. */
    private void keep(byte[] array) {
        int length = array.length;
        if (length > maxBytes) {
            return;
        }
        while (pooled.addAndGet(length) > maxBytes) {
            pooled.addAndGet(-length);
            if (!dropOne()) {
                return;
            }
        }
        free.computeIfAbsent(length, l -> new ConcurrentLinkedDeque<>()).addFirst(array);
    }

    private boolean dropOne() {
        for (ConcurrentLinkedDeque<byte[]> arrays : free.values()) {
            byte[] old = arrays.pollLast();
            if (old != null) {
                pooled.addAndGet(-old.length);
                return true;
            }
        }
        return false;
    }

    /** The arrays lent to one tool run; closing returns them all. */
    public static final class Scope implements AutoCloseable {

        private final BufferPool pool;
        private final @Nullable Scope outer;
        private final Set<byte[]> owned = Collections.newSetFromMap(new IdentityHashMap<>());

        private Scope(BufferPool pool, @Nullable Scope outer) {
            this.pool = pool;
            this.outer = outer;
        }

        @Override
        public void close() {
            for (byte[] array : owned) {
                pool.keep(array);
            }
            owned.clear();
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}
