package com.s4bsv.bsv.io;

import java.io.IOException;
import java.io.InputStream;

/** Blocking reads that fill as much as the stream has. */
public final class Streams {

    private Streams() {}

    /** Reads until {@code len} bytes or end of stream; returns the bytes read. */
    public static int readUpTo(InputStream in, byte[] b, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int r = in.read(b, off + n, len - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    /** Counts the bytes left in the stream, reading them into {@code scratch}. */
    public static long drain(InputStream in, byte[] scratch) throws IOException {
        long n = 0;
        int r;
        while ((r = in.read(scratch, 0, scratch.length)) >= 0) {
            n += r;
        }
        return n;
    }
}
