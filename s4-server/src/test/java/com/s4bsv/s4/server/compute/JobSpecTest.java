package com.s4bsv.s4.server.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobSpecTest {

    @Test
    void parsesFolderAndGlob() {
        JobSpec spec = JobSpec.parse(Mode.MAP, new JobSpec.Body("s4://b/in/*/*_1", "s4://c/out/", "cat"));
        assertThat(spec.bucket()).isEqualTo("b");
        assertThat(spec.base()).isEqualTo("in/");
        assertThat(spec.glob().pattern()).isEqualTo("*/*_1");
        assertThat(spec.output("00001/x").toString()).isEqualTo("s4://c/out/00001/x");
    }

    @Test
    void aWholeBucketIsAFolder() {
        JobSpec spec = JobSpec.parse(Mode.MAP_FROM_N, new JobSpec.Body("s4://step1/", "s4://step2/", "cat"));
        assertThat(spec.base()).isEmpty();
        assertThat(spec.output("000_bucket0").toString()).isEqualTo("s4://step2/000_bucket0");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "s4://b/in|s4://b/out/|cat|indir not a directory",
                "s4://b/in/|s4://b/out|cat|outdir not a directory",
                "b/in/|s4://b/out/|cat|indir must start with s4://",
                "s4://b/in/|out/|cat|outdir must start with s4://",
                "s4://b/in/[*|s4://b/out/|cat|syntax error in pattern",
                "s4://_b/in/|s4://b/out/|cat|reserved",
                "s4://b/in//|s4://b/out/|cat|empty path segment",
                "s4:///in/|s4://b/out/|cat|bucket",
                "s4://b/in/|s4://b/out/|'  '|cmd is empty",
            })
    void refusesBadRequestsWithInvalidArgument(String indir, String outdir, String cmd, String message) {
        assertThatThrownBy(() -> JobSpec.parse(Mode.MAP, new JobSpec.Body(indir, outdir, cmd)))
                .isInstanceOf(InvalidComputeRequestException.class)
                .hasMessageContaining(message);
    }

    @Test
    void missingFieldsAreNamed() {
        assertThatThrownBy(() -> JobSpec.parse(Mode.MAP, new JobSpec.Body("s4://b/in/", null, "cat")))
                .hasMessageContaining("\"outdir\"");
    }
}
