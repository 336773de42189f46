package com.s4bsv.s4.server.storage;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tells a full filesystem from other write failures. The JDK gives no errno: a failed {@code write(2)} arrives as an
 * {@link IOException} whose message is {@code strerror(errno)}, and a failed file operation as a
 * {@link FileSystemException} whose reason is. So ENOSPC and EDQUOT are recognised by glibc's text; when the C
 * library speaks another language the text does not match, and a write that failed on a filesystem with (almost)
 * nothing left to use (statvfs, after the failure) counts as full too. Only failures of writes to the data root
 * are passed here, never a failed read of a request body.
 */
final class DiskFull {

    private static final List<String> TEXTS = List.of("No space left on device", "Disk quota exceeded");
    /** Less than one write buffer left: the next write of an upload would fail too. */
    static final long NEARLY_FULL_BYTES = 1 << 20;

    private DiskFull() {}

    /** Throws {@link InsufficientStorageException} when {@code e}, failing a write on {@code where}, means full. */
    static void check(IOException e, Path where) {
        if (isFull(e, where)) {
            throw new InsufficientStorageException("no space left in the data dir of this node (" + reason(e) + ")", e);
        }
    }

    static boolean isFull(IOException e, Path where) {
        if (mentionsFull(reason(e))) {
            return true;
        }
        try {
            return Files.getFileStore(where).getUsableSpace() < NEARLY_FULL_BYTES;
        } catch (IOException | RuntimeException unknown) {
            return false;
        }
    }

    /** Whether an error text (an exception's, or a command's stderr) is ENOSPC's or EDQUOT's. */
    static boolean mentionsFull(String text) {
        return TEXTS.stream().anyMatch(text::contains);
    }

    private static String reason(IOException e) {
        String text = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
        return text == null ? e.getClass().getSimpleName() : text;
    }
}
