package com.s4bsv.s4.shell.client;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * A buffered output on a file descriptor (stdout) whose channel a download writes into straight from its direct
 * buffer, without the copies of {@code OutputStream.write}. What was buffered before goes out first.
 */
public final class ChannelOutput extends BufferedOutputStream {

    private final FileChannel channel;

    public ChannelOutput(FileOutputStream out, int size) {
        super(out, size);
        this.channel = out.getChannel();
    }

    /** The channel, after what was buffered was written. */
    FileChannel channel() throws IOException {
        flush();
        return channel;
    }
}
