package com.s4bsv.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsMetricsInsideFunctionsAggregationsAndArithmetic() {
        String expr = "histogram_quantile(0.99, sum by (le, operation) (rate(s4_requests_seconds_bucket"
                + "{instance=~\"$instance\", forwarded=\"false\"}[$__rate_interval])))";
        assertThat(PromQl.metricNames(expr)).containsExactly("s4_requests_seconds_bucket");
        assertThat(PromQl.labelNames(expr)).containsExactlyInAnyOrder("le", "operation", "instance", "forwarded");
    }

    @Test
    void findsEveryMetricOfABinaryExpressionAndSkipsKeywordsAndNumbers() {
        String expr =
                "1 - disk_free_bytes{path=~\".*data.*\"} / on (instance, path) disk_total_bytes offset 5m > 0.5e3";
        assertThat(PromQl.metricNames(expr)).containsExactly("disk_free_bytes", "disk_total_bytes");
        assertThat(PromQl.labelNames(expr)).containsExactlyInAnyOrder("path", "instance");
    }

    @Test
    void ignoresGrafanaVariablesAndNamesInsideStrings() {
        String expr = "sum without (status) (increase(s4_checksum_failures_total{job=\"not_a_metric\"}[${__range}]))";
        assertThat(PromQl.metricNames(expr)).containsExactly("s4_checksum_failures_total");
        assertThat(PromQl.labelNames(expr)).containsExactlyInAnyOrder("status", "job");
    }
}
