package com.s4bsv.bsv.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.testing.ToolFeeds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** CSV handed to any tool that reads bsv fails with the reader's words and then says the input looks like text. */
class TextInputTest {

    @TempDir
    Path dir;

    /** Every way the registry's tools read bsv; bsv (reads CSV) and xxh3 (reads any bytes) take text by design. */
    static Stream<ToolFeeds.Invocation> readers() {
        return ToolFeeds.all().stream().filter(i -> !List.of("bsv", "xxh3").contains(i.tool()));
    }

    @ParameterizedTest
    @MethodSource("readers")
    void csvGivenToABsvReaderIsNamedAsText(ToolFeeds.Invocation invocation) throws IOException {
        byte[] csv = "a,b\nc,d\n".getBytes(StandardCharsets.UTF_8);
        ToolFeeds.Outcome outcome = invocation.run(csv, Layout.DEFAULT, dir, new ByteArrayOutputStream());
        assertThat(outcome.exit()).as(invocation.toString()).isEqualTo(1);
        assertThat(outcome.err())
                .as(invocation.toString())
                .startsWith("fatal: ")
                .endsWith(" (input is not bsv? first bytes look like text)\n");
        assertThat(ToolFeeds.violation(outcome)).isNull();
    }
}
