package com.s4bsv.s4.shell.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeoutsTest {

    @ParameterizedTest
    @CsvSource({"30,30000", "2.5,2500", "90s,90000", "2m,120000", "750ms,750", "PT1M,60000", " 12 ,12000"})
    void readsSecondsOrADuration(String value, long millis) {
        assertThat(Timeouts.from(Map.of("X", value), "X", Duration.ZERO)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void unsetOrBlankKeepsTheDefault() {
        assertThat(Timeouts.from(Map.of(), "X", Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(Timeouts.from(Map.of("X", " "), "X", Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "soon", "NaN", "5h"})
    void refusesWhatIsNoPositiveTimeWithOneLineNamingTheVariable(String value) {
        assertThatThrownBy(() -> Timeouts.from(Map.of("S4_HEALTH_TIMEOUT", value), "S4_HEALTH_TIMEOUT", Duration.ZERO))
                .isInstanceOf(S4ClientException.class)
                .hasMessageStartingWith("S4_HEALTH_TIMEOUT must be a positive number of seconds")
                .hasMessageContaining("'" + value + "'");
    }

    @Test
    void theClientSettingsTakeEachTimeoutFromItsVariable() {
        S4Client.Settings settings = S4Client.Settings.fromEnvironment(
                Map.of("S4_HEALTH_TIMEOUT", "45", "S4_CONNECT_TIMEOUT", "9s", "S4_RESPONSE_TIMEOUT", "3m"));
        assertThat(settings.healthTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(settings.responseTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(S4Client.Settings.fromEnvironment(Map.of())).isEqualTo(S4Client.Settings.defaults());
        assertThat(S4Client.Settings.defaults().healthTimeout()).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    }
}
