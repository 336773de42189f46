package com.s4bsv.bsv.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory pipe between two stages. Writes that fit (a chunk's 4-byte header, text lines, anything up to the
 * 64 KiB a kernel pipe holds) are copied into a ring; a large write (a whole chunk) is lent: the writer waits until the reader has copied it straight into its
 * own buffer, so a chunk crosses with one copy and no allocation. The writer sees {@code Broken pipe} once the
 * reader is closed, as a process writing to a closed pipe does; the reader sees end of stream once the writer is
 * closed.
 */
final class ChunkPipe {

    static final int RING_BYTES = 64 * 1024;
    static final int LEND_FROM = 8 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final byte[] ring = new byte[RING_BYTES];
    private int head;
    private int count;
    private byte[] lent;
    private int lentFrom;
    private int lentTo;
    private boolean writerClosed;
    private boolean readerClosed;

    private final InputStream source = new Source();
    private final OutputStream sink = new Sink();

    InputStream source() {
        return source;
    }

    OutputStream sink() {
        return sink;
    }

    /** Both ends closed: a blocked reader or writer wakes up and fails. */
    void breakBoth() {
        lock.lock();
        try {
            readerClosed = true;
            writerClosed = true;
            count = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void write(byte[] b, int off, int len) throws IOException {
        lock.lock();
        try {
            // Like a kernel pipe, what fits in the free space never blocks; a larger write waits for the reader.
            if (len >= LEND_FROM && len > RING_BYTES - count) {
                lend(b, off, len);
                return;
            }
            int done = 0;
            while (done < len) {
                checkWritable();
                int space = RING_BYTES - count;
                if (space == 0) {
                    await();
                    continue;
                }
                int n = Math.min(space, len - done);
                int tail = (head + count) % RING_BYTES;
                int first = Math.min(n, RING_BYTES - tail);
                System.arraycopy(b, off + done, ring, tail, first);
                System.arraycopy(b, off + done + first, ring, 0, n - first);
                count += n;
                done += n;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void lend(byte[] b, int off, int len) throws IOException {
        checkWritable();
        lent = b;
        lentFrom = off;
        lentTo = off + len;
        changed.signalAll();
        try {
            while (lentFrom < lentTo) {
                checkWritable();
                await();
            }
        } finally {
            lent = null;
        }
    }

    private void checkWritable() throws IOException {
        if (readerClosed) {
            throw new IOException("Broken pipe");
        }
        if (writerClosed) {
            throw new IOException("Stream closed");
        }
    }

    private int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            while (true) {
                if (readerClosed) {
                    throw new IOException("Stream closed");
                }
                if (count > 0) {
                    int n = Math.min(count, len);
                    int first = Math.min(n, RING_BYTES - head);
                    System.arraycopy(ring, head, b, off, first);
                    System.arraycopy(ring, 0, b, off + first, n - first);
                    head = (head + n) % RING_BYTES;
                    count -= n;
                    changed.signalAll();
                    return n;
                }
                if (lent != null && lentFrom < lentTo) {
                    int n = Math.min(lentTo - lentFrom, len);
                    System.arraycopy(lent, lentFrom, b, off, n);
                    lentFrom += n;
                    if (lentFrom == lentTo) {
                        changed.signalAll();
                    }
                    return n;
                }
                if (writerClosed) {
                    return -1;
                }
                await();
            }
        } finally {
            lock.unlock();
        }
    }

    private void await() throws InterruptedIOException {
        try {
            changed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("pipeline cancelled");
        }
    }

    private void closeWriter() {
        lock.lock();
        try {
            writerClosed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void closeReader() {
        lock.lock();
        try {
            readerClosed = true;
            count = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private final class Source extends InputStream {

        private final byte[] one = new byte[1];

        @Override
        public int read() throws IOException {
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            return ChunkPipe.this.read(b, off, len);
        }

        @Override
        public void close() {
            closeReader();
        }
    }

    private final class Sink extends OutputStream {

        @Override
        public void write(int b) throws IOException {
            ChunkPipe.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            ChunkPipe.this.write(b, off, len);
        }

        @Override
        public void close() {
            closeWriter();
        }
    }
}
