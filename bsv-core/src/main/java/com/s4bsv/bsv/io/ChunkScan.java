package com.s4bsv.bsv.io;

import com.s4bsv.bsv.row.Row;
import com.s4bsv.bsv.row.Threshold;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The chunk skipping of bdropuntil and btakeuntil (spec §4.11, §4.25): only the first row of each
 * chunk is read until one is at least VALUE; the scan then starts at the chunk before it (kept as a
 * copy), or at the last chunk when none is. Skipped chunks go verbatim to {@code skippedTo} if given.
 */
public final class ChunkScan {

    private final ChunkReader reader;
    private final Row current = new Row();
    private final Row held = new Row();
    private byte[] previous = new byte[0];
    private int previousLength = -1;
    private int position;
    private boolean inPrevious;
    private boolean pending;
    private boolean readerDone;

    /** Reads first rows until the scan start is known; every row read is size-checked. */
    public ChunkScan(ChunkReader reader, Threshold threshold, @Nullable ChunkWriter skippedTo) throws IOException {
        this.reader = reader;
        if (!reader.nextChunk()) {
            readerDone = true;
            return;
        }
        while (true) {
            if (!reader.next(current)) {
                readerDone = true;
                break;
            }
            if (threshold.compareFirst(current) >= 0) {
                pending = true;
                break;
            }
            if (previousLength >= 0 && skippedTo != null) {
                skippedTo.writeChunk(previous, 0, previousLength);
            }
            int length = reader.chunkLength();
            if (previous.length < length) {
                previous = new byte[reader.layout().bufferSize()];
            }
            System.arraycopy(reader.chunk(), 0, previous, 0, length);
            previousLength = length;
            if (!reader.nextChunk()) {
                readerDone = true;
                break;
            }
        }
        inPrevious = previousLength >= 0;
    }

    /** The next row of the scan (valid until the next call), or null at the end of input. */
    public @Nullable Row next() throws IOException {
        if (inPrevious) {
            if (position < previousLength) {
                position += held.wrap(previous, position, previousLength);
                return held;
            }
            inPrevious = false;
        }
        if (pending) {
            pending = false;
            return current;
        }
        if (readerDone) {
            return null;
        }
        if (reader.next(current)) {
            return current;
        }
        readerDone = true;
        return null;
    }
}
