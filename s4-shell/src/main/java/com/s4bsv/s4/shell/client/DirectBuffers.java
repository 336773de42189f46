package com.s4bsv.s4.shell.client;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The 1 MiB direct buffers transfers move data through, kept for the next transfer: a recursive copy of many small
 * files would otherwise allocate (and zero) a new one per file, and direct memory is only given back by a GC.
 */
final class DirectBuffers {

    static final int SIZE = 1024 * 1024 + 64;

    private static final BlockingQueue<ByteBuffer> FREE = new ArrayBlockingQueue<>(16);

    private DirectBuffers() {}

    /** A cleared buffer of {@link #SIZE} bytes; give it back with {@link #release}. */
    static ByteBuffer take() {
        ByteBuffer buffer = FREE.poll();
        return buffer != null ? buffer.clear() : ByteBuffer.allocateDirect(SIZE);
    }

    /** Keeps {@code buffer} for another transfer unless enough are kept already. */
    static void release(ByteBuffer buffer) {
        FREE.offer(buffer);
    }
}
