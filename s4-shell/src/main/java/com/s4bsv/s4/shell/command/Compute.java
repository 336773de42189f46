package com.s4bsv.s4.shell.command;

import com.s4bsv.s4.key.KeyRules;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.shell.client.JobKind;
import com.s4bsv.s4.shell.client.JobListener;
import com.s4bsv.s4.shell.client.S4Client;
import com.s4bsv.s4.shell.client.S4ClientException;
import com.s4bsv.s4.shell.progress.JobProgress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** eval, map, map-to-n and map-from-n (spec 4.5, 4.6) over {@link S4Client}. */
public final class Compute {

    private static final byte[] OK = "ok ".getBytes(StandardCharsets.US_ASCII);

    private final S4Client client;
    private final Io io;

    public Compute(S4Client client, Io io) {
        this.client = client;
        this.io = io;
    }

    /** Prints the command's stdout without its trailing newlines, then exactly one newline. */
    public void eval(String key, String cmd) {
        if (!key.startsWith(KeyRules.SCHEME)) {
            throw new S4ClientException("missing s4:// prefix: " + key);
        }
        var out = new OneTrailingNewline(io.out());
        client.eval(S4Key.parse(key), cmd, out);
        out.finish();
    }

    /**
     * Runs a job on every node; prints {@code ok } as each node finishes, and draws progress on a terminal. An
     * {@code ok} waits while it is the only news: with a progress bar until the bar is erased (on a terminal it shares
     * their line, and erasing it would erase them too), and from a node that had no keys until some node had keys. A
     * job whose input holds no key at all prints no {@code ok} and fails.
     */
    public void job(JobKind kind, String indir, String outdir, String cmd) {
        JobProgress bar = io.progress()
                ? new JobProgress(io.err(), kind.verb(), client.config().size())
                : null;
        var oks = new HeldOks(bar == null);
        boolean failed = true;
        try {
            client.runJob(kind, indir, outdir, cmd, new JobListener() {
                @Override
                public void progress(String node, long keysDone, long keysTotal, long bytesIn, long bytesOut) {
                    if (bar != null) {
                        bar.progress(node, keysDone, keysTotal, bytesIn, bytesOut);
                    }
                }

                @Override
                public void nodeDone(String node, long keys, long outputs) {
                    if (bar != null) {
                        bar.nodeDone(node, keys, outputs);
                    }
                    oks.nodeDone(keys);
                }
            });
            failed = false;
        } finally {
            if (bar != null) {
                bar.close();
            }
            if (!failed && !oks.anyKeys()) {
                throw new S4ClientException("no input keys: nothing under " + indir);
            }
            try {
                oks.release();
            } catch (S4ClientException e) {
                if (!failed) {
                    throw e;
                }
            }
        }
    }

    /** The {@code ok }s of finished nodes, written at once when {@code streaming} and some node had keys. */
    private final class HeldOks {
        private final boolean streaming;
        private int held;
        private boolean anyKeys;

        HeldOks(boolean streaming) {
            this.streaming = streaming;
        }

        synchronized void nodeDone(long keys) {
            held++;
            anyKeys |= keys > 0;
            if (streaming && anyKeys) {
                release();
            }
        }

        synchronized boolean anyKeys() {
            return anyKeys;
        }

        synchronized void release() {
            if (anyKeys) {
                writeOk(held);
            }
            held = 0;
        }
    }

    private void writeOk(int times) {
        synchronized (io) {
            try {
                for (int i = 0; i < times; i++) {
                    io.out().write(OK);
                }
                io.out().flush();
            } catch (IOException e) {
                throw S4ClientException.writeFailed("output", e);
            }
        }
    }

    /** Holds back a run of '\n' until more output follows; at the end writes exactly one. */
    static final class OneTrailingNewline extends OutputStream {
        private final OutputStream out;
        private long pendingNewlines;

        OneTrailingNewline(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int end = off + len;
            int lastContent = end - 1;
            while (lastContent >= off && b[lastContent] == '\n') {
                lastContent--;
            }
            if (lastContent < off) {
                pendingNewlines += len;
                return;
            }
            for (; pendingNewlines > 0; pendingNewlines--) {
                out.write('\n');
            }
            out.write(b, off, lastContent - off + 1);
            pendingNewlines = end - 1 - lastContent;
        }

        void finish() {
            try {
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                throw S4ClientException.writeFailed("output", e);
            }
        }
    }
}
