package com.s4bsv.s4.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.s4bsv.s4.checksum.StreamingChecksum;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskFullTest {

    @TempDir
    Path dir;

    @Test
    void enospcAndQuotaTextsMeanFullWhateverSpaceIsLeft() {
        assertThat(DiskFull.isFull(new IOException("No space left on device"), dir))
                .isTrue();
        assertThat(DiskFull.isFull(new FileSystemException("/x", null, "No space left on device"), dir))
                .isTrue();
        assertThat(DiskFull.isFull(new FileSystemException("/x", null, "Disk quota exceeded"), dir))
                .isTrue();
    }

    @Test
    void otherFailuresOnAFilesystemWithRoomAreNotFull() throws IOException {
        Assumptions.assumeTrue(
                Files.getFileStore(dir).getUsableSpace() > DiskFull.NEARLY_FULL_BYTES,
                "the temp dir's filesystem is itself nearly full");
        assertThat(DiskFull.isFull(new IOException("Broken pipe"), dir)).isFalse();
        assertThat(DiskFull.isFull(new FileSystemException("/x", null, "Input/output error"), dir))
                .isFalse();
        assertThat(DiskFull.isFull(new IOException(), dir)).isFalse();
    }

    @Test
    void aCommandThatSaidSoRanOutOfSpaceEvenWhenOtherTasksFreedRoomSince() throws IOException {
        Assumptions.assumeTrue(
                Files.getFileStore(dir).getUsableSpace() > DiskFull.NEARLY_FULL_BYTES,
                "the temp dir's filesystem is itself nearly full");
        var temp = new TempSpace(dir, Duration.ofHours(1), Clock.systemUTC());
        assertThat(temp.ranOutOfSpace("head: error writing 'standard output': No space left on device\n"))
                .isTrue();
        assertThat(temp.ranOutOfSpace("cat: write error: Disk quota exceeded")).isTrue();
        assertThat(temp.ranOutOfSpace("grep: x: No such file or directory")).isFalse();
        assertThat(temp.ranOutOfSpace("")).isFalse();
    }

    @Test
    void checkThrowsInsufficientStorageNamingTheReasonOrReturns() {
        assertThatThrownBy(() -> DiskFull.check(new IOException("No space left on device"), dir))
                .isInstanceOf(InsufficientStorageException.class)
                .hasMessage("no space left in the data dir of this node (No space left on device)");
        DiskFull.check(new IOException("Connection reset"), dir);
    }

    @Test
    void aWriteThatHitsEnospcDuringAnUploadIsInsufficientStorage() {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(full), "no writable /dev/full (it fails every write with ENOSPC)");
        var data = new ByteArrayInputStream(new byte[100_000]);

        assertThatThrownBy(() -> FileObjectStore.receive(data, full, new StreamingChecksum()))
                .isInstanceOf(InsufficientStorageException.class)
                .hasMessageContaining("No space left on device");
    }

    @Test
    void aFailingReadOfTheBodyIsNotMistakenForAFullDisk() throws IOException {
        Path file = Files.createFile(dir.resolve("upload"));
        var broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("No space left on device, says the client");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("No space left on device, says the client");
            }
        };

        assertThatThrownBy(() -> FileObjectStore.receive(broken, file, new StreamingChecksum()))
                .isExactlyInstanceOf(IOException.class);
    }
}
