package com.s4bsv.bsv.collections;

import com.s4bsv.bsv.bytes.Xxh3;
import java.util.Arrays;

/**
 * Byte-string keys with one {@code long} each, in an open-addressing table laid out exactly like
 * the original's hashmap (spec §3.4): 65,536 slots, home slot = XXH3 mod capacity, linear probing,
 * doubling once more than half full by re-inserting the old slots in index order. Scanning slots
 * 0..capacity-1 therefore gives the original's output order. Keys are copied into one arena.
 */
public final class KeyTable {

    private static final int INITIAL_CAPACITY = 1 << 16;
    private static final int EMPTY = -1;

    private int capacity;
    private int[] keyOffsets;
    private int[] keySizes;
    private long[] hashes;
    private long[] values;
    private byte[] keys = new byte[1 << 16];
    private int keysFill;
    private int used;
    private boolean added;

    public KeyTable() {
        allocate(INITIAL_CAPACITY);
    }

    /**
     * The slot of key {@code b[off .. off + len)}, inserted with value 0 when absent; valid until
     * the next insertion. {@link #added()} tells whether this call inserted it.
     */
    public int slot(byte[] b, int off, int len) {
        long hash = Xxh3.hash(b, off, len);
        int mask = capacity - 1;
        int i = (int) (hash & mask);
        while (keyOffsets[i] != EMPTY) {
            if (hashes[i] == hash
                    && keySizes[i] == len
                    && Arrays.equals(keys, keyOffsets[i], keyOffsets[i] + len, b, off, off + len)) {
                added = false;
                return i;
            }
            i = (i + 1) & mask;
        }
        if (keys.length - keysFill < len) {
            keys = Arrays.copyOf(keys, Math.max(keys.length * 2, keysFill + len));
        }
        int at = keysFill;
        System.arraycopy(b, off, keys, at, len);
        keyOffsets[i] = at;
        keySizes[i] = len;
        hashes[i] = hash;
        values[i] = 0;
        keysFill += len;
        used++;
        added = true;
        if (used > capacity / 2) {
            grow();
            i = (int) (hash & (capacity - 1));
            while (keyOffsets[i] != at || keySizes[i] != len) {
                i = (i + 1) & (capacity - 1);
            }
        }
        return i;
    }

    public boolean added() {
        return added;
    }

    public int capacity() {
        return capacity;
    }

    public boolean occupied(int slot) {
        return keyOffsets[slot] != EMPTY;
    }

    public byte[] keys() {
        return keys;
    }

    public int keyOffset(int slot) {
        return keyOffsets[slot];
    }

    public int keySize(int slot) {
        return keySizes[slot];
    }

    public long value(int slot) {
        return values[slot];
    }

    public void value(int slot, long value) {
        values[slot] = value;
    }

    private void allocate(int n) {
        capacity = n;
        keyOffsets = new int[n];
        Arrays.fill(keyOffsets, EMPTY);
        keySizes = new int[n];
        hashes = new long[n];
        values = new long[n];
    }

    private void grow() {
        int[] oldOffsets = keyOffsets;
        int[] oldSizes = keySizes;
        long[] oldHashes = hashes;
        long[] oldValues = values;
        allocate(capacity * 2);
        int mask = capacity - 1;
        for (int s = 0; s < oldOffsets.length; s++) {
            if (oldOffsets[s] != EMPTY) {
                int i = (int) (oldHashes[s] & mask);
                while (keyOffsets[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keyOffsets[i] = oldOffsets[s];
                keySizes[i] = oldSizes[s];
                hashes[i] = oldHashes[s];
                values[i] = oldValues[s];
            }
        }
    }
}
