package com.s4bsv.bsv.io;

import com.s4bsv.bsv.format.FatalException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * File names read from stdin as bmerge and bzip do: separated by newlines or spaces (runs ignored,
 * tabs belong to names); a last name without a separator after it is ignored. Each file must be
 * readable when its name is read.
 */
public final class FileNames {

    /** Most files bmerge and bzip accept (more is {@code fatal: too many files}). */
    public static final int MAX_FILES = 65534;

    private FileNames() {}

    /** The names, each checked for opening (relative to {@code dir}) in order; the file-count limit is the caller's. */
    public static List<String> read(InputStream in, Path dir) throws IOException {
        byte[] all = in.readAllBytes();
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            byte b = all[i];
            if (b == '\n' || b == ' ') {
                if (i > start) {
                    String name = new String(all, start, i - start, StandardCharsets.UTF_8);
                    Path path = dir.resolve(name);
                    if (Files.isDirectory(path) || !Files.isReadable(path)) {
                        throw new FatalException("fatal: failed to open: " + name + "\n");
                    }
                    names.add(name);
                }
                start = i + 1;
            }
        }
        return names;
    }
}
