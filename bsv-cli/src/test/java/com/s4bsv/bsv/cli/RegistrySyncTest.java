package com.s4bsv.bsv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.bsv.tool.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The tool registry and the bin/ launchers name the same tools, and every launcher is the same script. */
class RegistrySyncTest {

    private static final List<String> NOT_BSV = List.of("s4", "s4-server", "s4-cluster", "lib");

    private static Path root() {
        return Path.of(System.getProperty("s4.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    @Test
    void binLaunchersMatchTheRegistry() throws IOException {
        try (Stream<Path> bin = Files.list(root().resolve("bin"))) {
            List<String> launchers = bin.map(p -> p.getFileName().toString())
                    .filter(n -> !NOT_BSV.contains(n))
                    .sorted()
                    .toList();
            assertThat(launchers)
                    .containsExactlyElementsOf(Tools.NAMES.stream().sorted().toList());
        }
    }

    @Test
    void launchersAreIdenticalAndExecutable() throws IOException {
        String first = Files.readString(root().resolve("bin/bsv"));
        for (String name : Tools.NAMES) {
            Path launcher = root().resolve("bin").resolve(name);
            assertThat(Files.isExecutable(launcher)).as(name).isTrue();
            assertThat(Files.readString(launcher)).as(name).isEqualTo(first);
        }
    }

    @Test
    void readmeTableListsEveryTool() throws IOException {
        String readme = Files.readString(root().resolve("README.md"));
        List<String> listed = readme.lines()
                .filter(l -> l.startsWith("| `"))
                .map(l -> l.substring(3, l.indexOf('`', 3)))
                .filter(Tools.NAMES::contains)
                .sorted()
                .toList();
        assertThat(listed)
                .containsExactlyElementsOf(Tools.NAMES.stream().sorted().toList());
    }

    @Test
    void classNamesFollowTheBinaryNames() {
        assertThat(Tools.className("bsumeach-hash")).isEqualTo("BsumeachHash");
        assertThat(Tools.className("bquantile-sketch")).isEqualTo("BquantileSketch");
        assertThat(Tools.className("xxh3")).isEqualTo("Xxh3");
    }
}
