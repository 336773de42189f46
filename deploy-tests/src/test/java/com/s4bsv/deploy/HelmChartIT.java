package com.s4bsv.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.config.NodeAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** helm/s4 checked with the real helm: lint, and the manifests it renders for 1, 3 and 16 nodes. */
class HelmChartIT {

    private static final String CHART = "helm/s4";

    @Test
    void lintsClean() {
        for (int replicas : new int[] {1, 3, 16}) {
            Command.Result lint = Helm.run("lint", "--strict", CHART, "--set", "replicaCount=" + replicas);
            assertThat(lint.exitCode())
                    .as("helm lint --strict, %d replicas:%n%s%s", replicas, lint.out(), lint.err())
                    .isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 16})
    void clusterConfigListsEveryNodeInOrdinalOrder(int replicas) {
        List<Map<String, Object>> manifests = render("--set", "replicaCount=" + replicas);

        String conf = (String) Yaml.at(one(manifests, "ConfigMap", "rel-s4-conf"), "data", "s4.conf");
        List<String> expected = IntStream.range(0, replicas)
                .mapToObj(i -> "rel-s4-" + i + ".rel-s4-headless.ns.svc.cluster.local:8080")
                .toList();
        assertThat(conf.lines().filter(l -> !l.isBlank()).toList()).containsExactlyElementsOf(expected);

        // The config a node and a client really read: same nodes, same order.
        ClusterConfig parsed = ClusterConfig.parse(conf, "rendered ConfigMap");
        assertThat(parsed.nodes()).extracting(NodeAddress::toString).containsExactlyElementsOf(expected);

        Map<String, Object> statefulSet = one(manifests, "StatefulSet", "rel-s4");
        assertThat(Yaml.at(statefulSet, "spec", "replicas")).isEqualTo(replicas);
        assertThat(Yaml.at(statefulSet, "spec", "serviceName")).isEqualTo("rel-s4-headless");
    }

    @Test
    void statefulSetHasStableNamesProbesAntiAffinityScrapeAnnotationsAndClaims() {
        List<Map<String, Object>> manifests = render();

        Map<String, Object> headless = one(manifests, "Service", "rel-s4-headless");
        assertThat(Yaml.at(headless, "spec", "clusterIP")).isEqualTo("None");
        assertThat(Yaml.at(headless, "spec", "publishNotReadyAddresses")).isEqualTo(true);
        assertThat(one(manifests, "Service", "rel-s4")).isNotNull();

        Map<String, Object> statefulSet = one(manifests, "StatefulSet", "rel-s4");
        Map<String, Object> container = onlyContainer(statefulSet);
        assertThat(Yaml.at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/_s4/actuator/health/liveness");
        assertThat(Yaml.at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/_s4/actuator/health/readiness");
        assertThat(Yaml.at(container, "startupProbe", "httpGet", "path")).isEqualTo("/_s4/actuator/health/liveness");
        assertThat(Yaml.at(container, "resources", "requests", "memory")).isEqualTo("2Gi");
        assertThat(Yaml.at(container, "resources", "limits", "memory")).isEqualTo("2Gi");
        @SuppressWarnings("unchecked")
        List<String> args = (List<String>) container.get("args");
        assertThat(args).contains("--conf=/etc/s4/s4.conf", "--port=8080", "--data-dir=/data/s4_data");
        // the image's launcher, as bin/s4-server everywhere: its JVM flags and AOT cache, plus the chart's flags
        assertThat(container.get("command")).asList().containsExactly("/opt/s4/bin/s4-server");
        assertThat(container.get("env"))
                .asList()
                .contains(Map.of("name", "S4_SERVER_JAVA_OPTS", "value", "-XX:MaxRAMPercentage=40"));
        assertThat(container.get("env"))
                .asString()
                .contains("S4_CONF_PATH")
                .doesNotContain("JAVA_TOOL_OPTIONS")
                .doesNotContain("S4_JAVA_OPTS");

        Map<String, Object> pod = podSpec(statefulSet);
        assertThat(volume(pod, "conf")).containsEntry("configMap", Map.of("name", "rel-s4-conf"));
        assertThat(Yaml.at(pod, "affinity", "podAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution"))
                .asList()
                .hasSize(1)
                .first()
                .asString()
                .contains("topologyKey=kubernetes.io/hostname");

        Object annotations = Yaml.at(statefulSet, "spec", "template", "metadata", "annotations");
        assertThat(annotations)
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", "8080")
                .containsEntry("prometheus.io/path", "/_s4/actuator/prometheus");

        assertThat(Yaml.at(statefulSet, "spec", "volumeClaimTemplates"))
                .asList()
                .hasSize(1);
        assertThat(volume(pod, "data")).isNull();
    }

    @Test
    void emptyDirSoftAffinityAndNoClientServiceOnRequest() {
        List<Map<String, Object>> manifests = render(
                "--set",
                "persistence.enabled=false",
                "--set",
                "persistence.emptyDirSizeLimit=5Gi",
                "--set",
                "antiAffinity.mode=soft",
                "--set",
                "clientService.enabled=false",
                "--set",
                "prometheus.scrape=false",
                "--set",
                "server.maxCpuJobs=4",
                "--set",
                "server.maxIoJobs=16",
                "--set",
                "server.jvmArgs={-Xmx1g,-Xss1m}");

        assertThat(manifests)
                .noneMatch(m -> "Service".equals(m.get("kind")) && "rel-s4".equals(Yaml.at(m, "metadata", "name")));
        Map<String, Object> statefulSet = one(manifests, "StatefulSet", "rel-s4");
        Map<String, Object> pod = podSpec(statefulSet);
        assertThat(volume(pod, "data")).containsEntry("emptyDir", Map.of("sizeLimit", "5Gi"));
        assertThat(Yaml.at(statefulSet, "spec", "volumeClaimTemplates")).isNull();
        assertThat(Yaml.at(pod, "affinity", "podAntiAffinity", "preferredDuringSchedulingIgnoredDuringExecution"))
                .asList()
                .hasSize(1);
        assertThat(Yaml.at(statefulSet, "spec", "template", "metadata", "annotations"))
                .asString()
                .doesNotContain("prometheus.io");
        assertThat(onlyContainer(statefulSet).get("args")).asList().contains("--max-cpu-jobs=4", "--max-io-jobs=16");
        assertThat(onlyContainer(statefulSet).get("command")).asList().containsExactly("/opt/s4/bin/s4-server");
        assertThat(onlyContainer(statefulSet).get("env"))
                .asList()
                .contains(Map.of("name", "S4_SERVER_JAVA_OPTS", "value", "-Xmx1g -Xss1m"));
    }

    @Test
    void refusesBadReplicaCountsAndAffinityModes() {
        for (String bad :
                List.of("replicaCount=0", "replicaCount=-2", "replicaCount=2.5", "antiAffinity.mode=always")) {
            Command.Result result = Helm.run("template", "rel", CHART, "--namespace", "ns", "--set", bad);
            assertThat(result.exitCode()).as(bad).isNotZero();
            assertThat(result.err())
                    .as(bad)
                    .containsAnyOf(
                            "replicaCount must be a whole number >= 1", "antiAffinity.mode must be hard, soft or none");
        }
    }

    @Test
    void notesTellHowToReachTheCluster() {
        Command.Result install = Helm.run("install", "rel", CHART, "--namespace", "ns", "--dry-run=client");
        assertThat(install.exitCode()).as(install.err()).isZero();
        assertThat(install.out())
                .contains(
                        "kubectl -n ns rollout status statefulset/rel-s4",
                        "port-forward svc/rel-s4 8080:8080",
                        "/_s4/actuator/prometheus",
                        "secure the network");
    }

    private static List<Map<String, Object>> render(String... sets) {
        List<String> args = new ArrayList<>(List.of("template", "rel", CHART, "--namespace", "ns"));
        args.addAll(List.of(sets));
        Command.Result result = Helm.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as("helm %s:%n%s", args, result.err()).isZero();
        return Yaml.documents(result.out());
    }

    private static Map<String, Object> one(List<Map<String, Object>> manifests, String kind, String name) {
        List<Map<String, Object>> found = manifests.stream()
                .filter(m -> kind.equals(m.get("kind")) && name.equals(Yaml.at(m, "metadata", "name")))
                .toList();
        assertThat(found).as("%s %s in the rendered chart", kind, name).hasSize(1);
        return found.getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> podSpec(Map<String, Object> statefulSet) {
        return (Map<String, Object>) Yaml.at(statefulSet, "spec", "template", "spec");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyContainer(Map<String, Object> statefulSet) {
        List<Map<String, Object>> containers =
                (List<Map<String, Object>>) podSpec(statefulSet).get("containers");
        assertThat(containers).hasSize(1);
        return containers.getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> volume(Map<String, Object> pod, String name) {
        return ((List<Map<String, Object>>) pod.get("volumes"))
                .stream().filter(v -> name.equals(v.get("name"))).findFirst().orElse(null);
    }
}
