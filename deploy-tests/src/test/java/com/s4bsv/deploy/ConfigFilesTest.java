package com.s4bsv.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.config.NodeAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The files under config/ are valid and agree with the server and the chart. */
class ConfigFilesTest {

    @Test
    void exampleClusterConfigIsReadByTheRealParser() {
        ClusterConfig config = ClusterConfig.load(Repo.file("config/s4.conf"));
        assertThat(config.nodes())
                .extracting(NodeAddress::toString)
                .containsExactly("10.0.0.1:8080", "10.0.0.2:8080", "10.0.0.3:8080");
    }

    @Test
    void serverSettingsFileMirrorsTheServersBuiltInDefaults() {
        Map<String, Object> builtIn = Yaml.flatten(Yaml.map(Repo.read(Repo.requireServerDefaults())));
        Map<String, Object> documented = Yaml.flatten(Yaml.map(Repo.read(Repo.file("config/s4-server.yaml"))));
        TreeMap<String, String> drift = new TreeMap<>();
        for (String key : union(builtIn.keySet(), documented.keySet())) {
            Object server = builtIn.get(key);
            Object ours = documented.get(key);
            if (!Objects.equals(server, ours)) {
                drift.put(
                        key,
                        "server: " + (builtIn.containsKey(key) ? server : "(absent)") + ", config/s4-server.yaml: "
                                + (documented.containsKey(key) ? ours : "(absent)"));
            }
        }
        assertThat(drift)
                .as(
                        "settings where config/s4-server.yaml differs from %s (update the file to mirror it)",
                        Repo.serverDefaults())
                .isEmpty();
        assertThat(documented).hasSizeGreaterThan(20);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void prometheusScrapesTheActuatorPathOfTheServerSettings() {
        Map<String, Object> settings = Yaml.map(Repo.read(Repo.file("config/s4-server.yaml")));
        String actuator = (String) Yaml.at(settings, "management", "endpoints", "web", "base-path");
        assertThat(actuator).isEqualTo("/_s4/actuator");

        Map<String, Object> prometheus = Yaml.map(Repo.read(Repo.file("config/prometheus.yml")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) prometheus.get("scrape_configs");
        Map<String, Object> local = jobs.stream()
                .filter(j -> "s4".equals(j.get("job_name")))
                .findFirst()
                .orElseThrow();
        assertThat(local.get("metrics_path")).isEqualTo(actuator + "/prometheus");
        assertThat(Yaml.at(local, "static_configs")).asString().contains("127.0.0.1:8080");

        Map<String, Object> kubernetes = jobs.stream()
                .filter(j -> "s4-kubernetes".equals(j.get("job_name")))
                .findFirst()
                .orElseThrow();
        // Keeps pods labelled as the chart labels them and takes path and port from its annotations.
        assertThat(kubernetes.get("relabel_configs"))
                .asString()
                .contains(
                        "__meta_kubernetes_pod_label_app_kubernetes_io_name",
                        "regex=s4",
                        "__meta_kubernetes_pod_annotation_prometheus_io_path",
                        "__meta_kubernetes_pod_annotation_prometheus_io_port");
        assertThat(Repo.read(Repo.file("helm/s4/templates/statefulset.yaml")))
                .contains("prometheus.io/path: " + actuator + "/prometheus");
        assertThat(Repo.read(Repo.file("helm/s4/templates/_helpers.tpl")))
                .contains("app.kubernetes.io/name: {{ include \"s4.name\" . }}");
    }

    @Test
    void dashboardPanelsAreWellFormedAndPlotWhatTheIssueAsks() {
        Map<String, Object> dashboard = Dashboard.json();
        assertThat(dashboard.get("uid")).isEqualTo("s4-cluster");
        List<Map<String, Object>> panels = Dashboard.panels();
        assertThat(panels).extracting(p -> p.get("id")).doesNotHaveDuplicates();
        assertThat(panels).allSatisfy(p -> {
            assertThat(p.get("title")).asString().isNotBlank();
            assertThat(p.get("gridPos")).asString().contains("w=", "h=");
            assertThat(p.get("targets")).asList().isNotEmpty();
        });
        Set<String> metrics = new TreeSet<>();
        for (Dashboard.Query query : Dashboard.queries()) {
            Set<String> names = PromQl.metricNames(query.expr());
            assertThat(names)
                    .as("metrics of %s: %s", query.panel(), query.expr())
                    .isNotEmpty();
            metrics.addAll(names);
        }
        // request rate and latency by operation, bytes in/out, objects stored, disk free, checksum failures,
        // running jobs
        assertThat(metrics)
                .contains(
                        "s4_requests_seconds_count",
                        "s4_requests_seconds_bucket",
                        "s4_bytes_in_total",
                        "s4_bytes_out_total",
                        "s4_objects_stored",
                        "disk_free_bytes",
                        "s4_checksum_failures_total",
                        "s4_compute_running");
    }
}
