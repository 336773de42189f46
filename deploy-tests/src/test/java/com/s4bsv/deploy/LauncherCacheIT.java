package com.s4bsv.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers' AOT cache (bin/lib/aot.sh) on a copy of bin/ and the built bsv-cli: used when it was made from
 * this jar with the launcher's JVM flags, never once the jar or the flags changed, retrained once in the background
 * even when many stages start at once, and never a failure when it is missing. Whether a JVM used it, its own log
 * says (-Xlog:aot).
 */
class LauncherCacheIT {

    private static final String CSV = "a,b,c\n1,2,3\n";

    @TempDir
    Path home;

    private Path jar;
    private Path aot;

    @BeforeEach
    void copyLaunchersAndTheBuiltTool() throws IOException {
        Path built = Repo.file("bsv-cli/target");
        assumeTrue(
                Files.isRegularFile(built.resolve("aot/current")),
                "skipped: bsv-cli/target has no AOT cache (built with a JDK before 25, or -Ds4.aot.skip=true)");
        copyTree(Repo.file("bin"), home.resolve("bin"));
        copyTree(built.resolve("aot"), home.resolve("bsv-cli/target/aot"));
        jar = home.resolve("bsv-cli/target/bsv-cli.jar");
        Files.copy(built.resolve("bsv-cli.jar"), jar, StandardCopyOption.COPY_ATTRIBUTES);
        aot = home.resolve("bsv-cli/target/aot");
    }

    @Test
    void aCacheMadeFromThisJarIsUsed() {
        Stage stage = roundTrip("used");
        assertThat(stage.csv()).isEqualTo(CSV);
        assertThat(stage.aotLog()).contains("Opened AOT cache " + aot);
    }

    @Test
    void aChangedJarNeverRunsWithTheOldCacheAndOneNewCacheIsTrainedWhileManyStart() throws Exception {
        String before = Files.readString(aot.resolve("current")).strip();
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 5_000));

        List<CompletableFuture<Stage>> stages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String name = "stale" + i;
            stages.add(CompletableFuture.supplyAsync(() -> roundTrip(name)));
        }
        for (CompletableFuture<Stage> stage : stages) {
            Stage done = stage.join();
            assertThat(done.csv()).isEqualTo(CSV);
            // a start later than the retraining may use the new cache; none may use the old one
            assertThat(done.aotLog()).doesNotContain("Opened AOT cache " + aot.resolve(before));
        }

        long deadline = System.nanoTime() + TestTimeouts.start().toNanos();
        while (Files.readString(aot.resolve("current")).strip().equals(before)) {
            assertThat(System.nanoTime())
                    .as(
                            "a new cache within %s; %s",
                            TestTimeouts.describe(), TestTimeouts.logTail(aot.resolve("training.log")))
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
        try (Stream<Path> caches = Files.list(aot)) {
            assertThat(caches.filter(Files::isDirectory).filter(d -> !Files.exists(d.resolve("retired"))))
                    .as("one training for six stale starts")
                    .hasSize(1);
        }
        Stage after = roundTrip("retrained");
        assertThat(after.csv()).isEqualTo(CSV);
        assertThat(after.aotLog()).contains("Opened AOT cache " + aot);
    }

    @Test
    void aCacheMadeWithOtherJvmFlagsIsNotUsed() throws IOException {
        Path stamp =
                aot.resolve(Files.readString(aot.resolve("current")).strip()).resolve("stamp");
        FileTime made = Files.getLastModifiedTime(stamp);
        List<String> lines = Files.readAllLines(stamp);
        assertThat(lines).hasSize(2);
        Files.write(stamp, List.of(lines.get(0), lines.get(1) + " -XX:+UseEpsilonGC"));
        Files.setLastModifiedTime(stamp, made);

        Stage stage = roundTrip("other-flags");
        assertThat(stage.csv()).isEqualTo(CSV);
        assertThat(stage.aotLog()).doesNotContain("Opened AOT cache " + aot);
    }

    @Test
    void noCacheOnlyCostsSpeed() throws IOException {
        try (Stream<Path> files = Files.walk(aot)) {
            for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
        Files.writeString(home.resolve("bsv-cli/target/aot"), "not a folder");
        Stage stage = roundTrip("none");
        assertThat(stage.csv()).isEqualTo(CSV);
        assertThat(stage.err()).isEmpty();
    }

    private record Stage(String csv, String err, String aotLog) {}

    /** {@code bsv | csv} through the copied launchers, each JVM logging what it did with the cache. */
    private Stage roundTrip(String name) {
        Path logs = home.resolve("logs-" + name);
        Command.Result result;
        try {
            Files.createDirectories(logs);
            result = Command.run(
                    home,
                    TestTimeouts.atLeast(Duration.ofSeconds(60)),
                    "env",
                    "S4_JAVA_OPTS=-Xlog:aot=info:file=" + logs + "/%p.log",
                    "bash",
                    "-c",
                    "printf '" + CSV.replace("\n", "\\n") + "' | bin/bsv | bin/csv");
            assertThat(result.exitCode()).as(result.err()).isZero();
            var aotLog = new StringBuilder();
            try (Stream<Path> files = Files.list(logs)) {
                for (Path file : files.sorted().toList()) {
                    aotLog.append(Files.readString(file));
                }
            }
            return new Stage(result.out(), result.err(), aotLog.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
