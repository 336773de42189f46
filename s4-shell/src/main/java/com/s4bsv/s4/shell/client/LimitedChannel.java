package com.s4bsv.s4.shell.client;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/** An answer's body of a declared length: the bytes read with the head, then the connection, straight into the
 * caller's buffer. */
final class LimitedChannel implements ReadableByteChannel {
    private final ByteBuffer early;
    private final Connection connection;
    private final boolean untilClose;
    private long remaining;

    /** {@code length} Long.MAX_VALUE: the body ends with the connection. */
    LimitedChannel(ByteBuffer early, Connection connection, long length) {
        this.early = early;
        this.connection = connection;
        this.untilClose = length == Long.MAX_VALUE;
        this.remaining = length;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int n;
        if (early.hasRemaining()) {
            n = (int) Math.min(Math.min(early.remaining(), dst.remaining()), remaining);
            dst.put(early.slice(early.position(), n));
            early.position(early.position() + n);
        } else {
            int limit = dst.limit();
            if (dst.remaining() > remaining) {
                dst.limit(dst.position() + (int) remaining);
            }
            try {
                n = connection.read(dst);
            } finally {
                dst.limit(limit);
            }
            if (n < 0) {
                if (!untilClose) {
                    throw new EOFException("the answer ended " + remaining + " bytes early");
                }
                return -1;
            }
        }
        remaining -= n;
        return n;
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close() {
        connection.close();
    }
}
