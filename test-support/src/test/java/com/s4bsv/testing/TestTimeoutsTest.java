package com.s4bsv.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestTimeoutsTest {

    @Test
    void defaultsToFiveMinutes() {
        assertThat(TestTimeouts.from(null, Map.of())).isEqualTo(Duration.ofMinutes(5));
        assertThat(TestTimeouts.from(" ", Map.of(TestTimeouts.SETTING, ""))).isEqualTo(Duration.ofMinutes(5));
    }

    @ParameterizedTest
    @CsvSource({"600, PT10M", "90s, PT1M30S", "10m, PT10M", "1h, PT1H", "PT2M, PT2M", "pt2m, PT2M"})
    void readsSecondsOrADuration(String value, Duration expected) {
        assertThat(TestTimeouts.from(null, Map.of(TestTimeouts.SETTING, value))).isEqualTo(expected);
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironment() {
        assertThat(TestTimeouts.from("7m", Map.of(TestTimeouts.SETTING, "600"))).isEqualTo(Duration.ofMinutes(7));
    }

    @ParameterizedTest
    @CsvSource({"soon", "0", "-5s", "5x", "m"})
    void refusesWhatIsNotAPositiveDuration(String value) {
        assertThatThrownBy(() -> TestTimeouts.from(null, Map.of(TestTimeouts.SETTING, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(TestTimeouts.SETTING);
    }

    @Test
    void atLeastNeverShortensTheStartTimeout() {
        assertThat(TestTimeouts.atLeast(Duration.ofSeconds(10))).isEqualTo(TestTimeouts.start());
        assertThat(TestTimeouts.atLeast(Duration.ofDays(1))).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void logTailKeepsTheLastLines(@TempDir Path dir) throws IOException {
        Path log = Files.writeString(
                dir.resolve("server.log"),
                IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")));
        String tail = TestTimeouts.logTail(log);
        assertThat(tail)
                .startsWith("last 40 lines of " + log)
                .contains("line 61\n")
                .endsWith("line 100")
                .doesNotContain("line 60\n");
        assertThat(TestTimeouts.logTail(dir.resolve("none"))).startsWith("no log at ");
    }
}
