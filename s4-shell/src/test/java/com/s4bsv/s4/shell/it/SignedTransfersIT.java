package com.s4bsv.s4.shell.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.testing.TestTimeouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/s4} against a real node with a keys file: every way up and down (a file of several chunks, a small file,
 * stdin of unknown length, stdout, a file) is signed as the node verifies it; no credentials or a wrong secret get
 * the node's one-line refusal and store nothing.
 */
class SignedTransfersIT {

    @TempDir
    static Path work;

    private static LocalCluster.Node node;
    private static Path conf;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        Path root = LocalCluster.repoRoot();
        Assumptions.assumeTrue(
                Files.isRegularFile(root.resolve("s4-server/target/s4-server.jar")),
                "no server jar (./mvnw -B -DskipTests -pl s4-server -am package); skipping");
        Path keys = work.resolve("keys");
        Files.writeString(keys, "writer writesecret write\n");
        int port = LocalCluster.freePort();
        conf = work.resolve("s4.conf");
        Files.writeString(conf, "127.0.0.1:" + port + "\n");
        node = LocalCluster.startNode(root, work, conf, port, "--keys-file", keys.toString());
        long deadline = System.nanoTime() + TestTimeouts.start().toNanos();
        while (!LocalCluster.answers(port)) {
            if (!node.process().isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("node " + port + " not ready within " + TestTimeouts.describe() + "; "
                        + TestTimeouts.logTail(work.resolve("_" + port).resolve("node.log")));
            }
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (node != null) {
            node.process().destroy();
            node.process().waitFor();
        }
    }

    private static Map<String, String> env(String id, String secret) {
        return Map.of(
                "S4_CONF_PATH",
                conf.toString(),
                "AWS_ACCESS_KEY_ID",
                id,
                "AWS_SECRET_ACCESS_KEY",
                secret,
                "AWS_SHARED_CREDENTIALS_FILE",
                work.resolve("no-credentials").toString());
    }

    private static S4Process.Result s4(Map<String, String> env, byte[] stdin, String... args) {
        return S4Process.run(work, env, stdin, args);
    }

    private static byte[] random(int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        return data;
    }

    @Test
    void signedTransfersGoBothWaysInEveryForm() throws IOException {
        var signed = env("writer", "writesecret");
        byte[] large = random(3 * 1024 * 1024 + 17);
        Path file = Files.write(work.resolve("large.bin"), large);
        Path small = Files.writeString(work.resolve("small.txt"), "small\n");

        assertThat(s4(signed, new byte[0], "cp", file.toString(), "s4://signed/file.bin")
                        .code())
                .isZero();
        assertThat(s4(signed, new byte[0], "cp", small.toString(), "s4://signed/small.txt")
                        .code())
                .isZero();
        assertThat(s4(signed, large, "cp", "-", "s4://signed/stdin.bin").code()).isZero();

        assertThat(s4(signed, new byte[0], "cp", "s4://signed/file.bin", "-").out())
                .isEqualTo(large);
        assertThat(s4(signed, new byte[0], "cp", "s4://signed/stdin.bin", "-").out())
                .isEqualTo(large);
        assertThat(s4(
                                signed,
                                new byte[0],
                                "cp",
                                "s4://signed/small.txt",
                                work.resolve("back.txt").toString())
                        .code())
                .isZero();
        assertThat(work.resolve("back.txt")).hasContent("small");
    }

    @Test
    void unsignedOrWronglySignedUploadsAreRefusedAndStoreNothing() throws IOException {
        Path file = Files.write(work.resolve("refused.bin"), random(2 * 1024 * 1024));
        var signed = env("writer", "writesecret");

        var unsigned = s4(env("", ""), new byte[0], "cp", file.toString(), "s4://signed/refused.bin");
        assertThat(unsigned.code()).as(unsigned.toString()).isEqualTo(1);
        assertThat(unsigned.err()).contains("AccessDenied").contains("HTTP 403");

        var wrong = s4(env("writer", "not-the-secret"), random(5000), "cp", "-", "s4://signed/refused.bin");
        assertThat(wrong.code()).as(wrong.toString()).isEqualTo(1);
        assertThat(wrong.err()).contains("SignatureDoesNotMatch");

        var missing = s4(signed, new byte[0], "cp", "s4://signed/refused.bin", "-");
        assertThat(missing.code()).as(missing.toString()).isNotZero();
        assertThat(missing.out()).isEmpty();
    }
}
