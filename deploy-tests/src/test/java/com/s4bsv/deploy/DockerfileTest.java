package com.s4bsv.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile cannot be built here (no docker engine); this checks what can be checked without one: every file
 * it copies exists or is built by a module it builds, and it agrees with the chart on port, user and paths.
 */
class DockerfileTest {

    private static final List<String> LINES = instructions(Repo.read(Repo.file("Dockerfile")));
    private static final Pattern BUILD = Pattern.compile("-pl\\s+(\\S+)");

    /** Instructions with continuation lines joined and comments dropped. */
    private static List<String> instructions(String dockerfile) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.lines().toList()) {
            if (line.strip().startsWith("#") || line.isBlank()) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                out.add(current.append(line).toString().strip());
                current.setLength(0);
            }
        }
        return out;
    }

    private static List<String> all(String instruction) {
        return LINES.stream()
                .filter(l -> l.startsWith(instruction + " "))
                .map(l -> l.substring(instruction.length() + 1).strip())
                .toList();
    }

    @Test
    void buildsOnlyModulesOfTheReactorAndCopiesWhatTheyBuild() {
        String rootPom = Repo.read(Repo.file("pom.xml"));
        String run = all("RUN").stream()
                .filter(r -> r.contains("./mvnw"))
                .findFirst()
                .orElseThrow();
        Matcher pl = BUILD.matcher(run);
        assertThat(pl.find()).as("the image build runs ./mvnw -pl MODULES").isTrue();
        List<String> built = List.of(pl.group(1).split(","));
        for (String module : built) {
            assertThat(rootPom).contains("<module>" + module + "</module>");
        }
        assertThat(run).contains("-DskipTests", "package").doesNotContain("install");

        // the launchers' layout under /opt/s4: bin/ beside MODULE/target/MODULE.jar and its AOT cache
        String stage = all("RUN").stream()
                .filter(r -> r.contains("/opt/s4/"))
                .findFirst()
                .orElseThrow();
        Matcher modules = Pattern.compile("for module in ([^;]+);").matcher(stage);
        assertThat(modules.find())
                .as("the build stage lays out every launched module")
                .isTrue();
        assertThat(List.of(modules.group(1).strip().split("\\s+"))).containsExactlyInAnyOrderElementsOf(built);
        for (String module : built) {
            assertThat(Repo.read(Repo.file(module + "/pom.xml")))
                    .as("%s/pom.xml names its jar %s.jar", module, module)
                    .contains("<finalName>" + module + "</finalName>", "<artifactId>exec-maven-plugin</artifactId>");
        }
        assertThat(stage)
                .contains(
                        "cp -a $module/target/$module.jar $module/target/aot /opt/s4/$module/target/",
                        "cp -a bin /opt/s4/bin");
        assertThat(all("COPY")).contains("--from=build /opt/s4/ /opt/s4/");
        assertThat(Files.isExecutable(Repo.file("bin/s4"))).isTrue();
        assertThat(Files.isExecutable(Repo.file("bin/s4-server"))).isTrue();
    }

    @Test
    void buildContextKeepsTheSourcesAndDropsBuildOutput() {
        assertThat(all("COPY")).contains(". .");
        List<String> ignored = Repo.read(Repo.file(".dockerignore"))
                .lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
        assertThat(ignored).contains("**/target", ".git");
        for (String needed : List.of("mvnw", ".mvn", "pom.xml", "bin", "s4-server", "s4-core", "bsv-cli")) {
            assertThat(Files.exists(Repo.file(needed))).as(needed).isTrue();
            assertThat(ignored).as("%s must reach the build context", needed).doesNotContain(needed);
        }
    }

    @Test
    void agreesWithTheChartOnPortUserEntrypointAndDataFolder() {
        Map<String, Object> values = Yaml.map(Repo.read(Repo.file("helm/s4/values.yaml")));
        String statefulSet = Repo.read(Repo.file("helm/s4/templates/statefulset.yaml"));

        assertThat(all("EXPOSE")).containsExactly(String.valueOf(values.get("port")));
        assertThat(all("USER")).containsExactly(String.valueOf(Yaml.at(values, "podSecurityContext", "runAsUser")));
        assertThat(all("WORKDIR")).last().isEqualTo("/data");
        assertThat(statefulSet).contains("mountPath: /data", "--data-dir=/data/s4_data");
        // the launcher, with its AOT cache; the chart names the same one and gives it its JVM flags
        assertThat(all("ENTRYPOINT")).containsExactly("[\"/opt/s4/bin/s4-server\"]");
        assertThat(statefulSet).contains("command:\n            - /opt/s4/bin/s4-server\n", "S4_SERVER_JAVA_OPTS");
        assertThat(all("CMD")).singleElement().asString().contains("--port=8080", "--bind=0.0.0.0");
        assertThat(all("FROM")).allSatisfy(from -> assertThat(from).startsWith("eclipse-temurin:25-jdk"));
        Path image = Repo.file("Dockerfile");
        assertThat(Repo.read(image)).contains("docker build -t s4:0.1.0 .");
        assertThat(Yaml.at(values, "image", "repository")).isEqualTo("s4");
    }
}
