package com.s4bsv.bsv.pipeline;

import com.s4bsv.bsv.tool.Runner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code cat} with no arguments, as GNU cat behaves in a bash pipeline: stdin to stdout. A closed downstream pipe
 * kills it with SIGPIPE (bash reports 128 + 13), unlike the Java tools, which end quietly with 0.
 */
final class Cat {

    static final int SIGPIPE_STATUS = 128 + 13;
    static final int BUFFER_BYTES = 128 * 1024;

    private Cat() {}

    static int run(InputStream in, OutputStream out, OutputStream err) {
        byte[] buffer = new byte[BUFFER_BYTES];
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException e) {
                return fail(err, "cat: -: " + e.getMessage() + "\n");
            }
            if (n < 0) {
                return 0;
            }
            try {
                out.write(buffer, 0, n);
            } catch (IOException e) {
                return Runner.isBrokenPipe(e)
                        ? SIGPIPE_STATUS
                        : fail(err, "cat: write error: " + e.getMessage() + "\n");
            }
        }
    }

    static int fail(OutputStream err, String message) {
        try {
            err.write(message.getBytes(StandardCharsets.UTF_8));
            err.flush();
        } catch (IOException ignored) {
            // nowhere left to report
        }
        return 1;
    }
}
