package com.s4bsv.bsv.tool;

import java.io.IOException;

/**
 * One bsv tool. {@link #run} reads {@link Context#in()}, writes {@link Context#out()} and returns
 * normally for exit 0; every error is a {@link com.s4bsv.bsv.format.FatalException}.
 */
public interface Tool {

    /** Description, usage and example, as {@code -h} prints them. */
    Usage usage();

    void run(Context context) throws IOException;
}
