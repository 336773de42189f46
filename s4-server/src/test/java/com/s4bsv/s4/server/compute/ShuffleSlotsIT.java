package com.s4bsv.s4.server.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.s4.server.S4Nodes;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shuffle on nodes with one transfer slot each: every command's outputs go to all three nodes at once. A node
 * that held its own slot while sending to a peer, whose slot was held the same way, waited for the io-wait and
 * failed the job with 503 SlowDown; the wait is short here, so a deadlock fails the test instead of hanging it.
 */
class ShuffleSlotsIT {

    @TempDir
    static Path work;

    static S4Nodes nodes;
    static NodeHttp http;

    @BeforeAll
    static void start() throws IOException {
        nodes = S4Nodes.start(3, work, "--max-io-jobs", "1", "--s4.storage.io-wait=20s");
        http = new NodeHttp(nodes.endpoint(0));
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void everyNodeSendsToEveryOtherAtOnceAndTheShuffleCompletes() {
        int keys = 12;
        for (int i = 0; i < keys; i++) {
            http.put(String.format("s4://slots/in/%05d", i), "row " + i + "\n");
        }
        String cmd = "cat > /dev/null; for b in 00000 00001 00002; do echo $b > $b; echo $b; done";
        for (int round = 0; round < 3; round++) {
            http.job("/_s4/map-to-n", "s4://slots/in/", "s4://slots/out" + round + "/", cmd)
                    .assertDone();
            assertThat(http.list("slots", "out" + round + "/")).hasSize(keys * 3);
        }
    }
}
