package com.s4bsv.bsv.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.bsv.format.Layout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerMessagesTest {

    @Test
    void ioErrorsNameFilesAsGivenNotAsResolved(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("p_0000000000"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        byte[] rows = "a\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bsv = new ByteArrayOutputStream();
        Runner.run("bsv", List.of(), new ByteArrayInputStream(rows), bsv, err, Layout.DEFAULT, dir);

        int code = Runner.run(
                "bsplit",
                List.of("p"),
                new ByteArrayInputStream(bsv.toByteArray()),
                new ByteArrayOutputStream(),
                err,
                Layout.DEFAULT,
                dir);

        assertThat(code).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain(dir.toString());
    }

    @Test
    void relativeToKeepsMessagesOutsideTheDirectory() {
        Path dir = Path.of("/tmp/work");
        assertThat(Runner.relativeTo(dir, "/tmp/work/p_0")).isEqualTo("p_0");
        assertThat(Runner.relativeTo(dir, "/tmp/workshop/p_0")).isEqualTo("/tmp/workshop/p_0");
        assertThat(Runner.relativeTo(Path.of(""), "/x/p_0")).isEqualTo("/x/p_0");
        assertThat(Runner.relativeTo(dir, null)).isEqualTo("null");
    }
}
