package com.s4bsv.s4.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One whole node on a random port, standalone, over a fresh data dir of its own: the base of the app tests.
 * Each test class gets its own node (and data dir), so classes never see each other's keys.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class StandaloneNodeAppTest {

    /** The data root of the node of the running test class; set when its context starts. */
    protected static Path dataDir;

    @Value("${local.server.port}")
    protected int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            dataDir = Files.createTempDirectory("s4-app-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path dir = dataDir;
        registry.add("s4.storage.data-dir", dir::toString);
        registry.add("s4.cluster.standalone", () -> "true");
    }

    @AfterAll
    static void deleteData() throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }
}
