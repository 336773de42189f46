package com.s4bsv.s4.server.compute;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;

/** Every compute scenario of {@link ComputeIT} again with in-process pipelines off: bsv tools run under bash. */
class ComputeForkedIT extends ComputeIT {

    @BeforeAll
    @Override
    void start() throws IOException {
        startNodes("--s4.compute.in-process=false");
    }

    @Override
    boolean inProcess() {
        return false;
    }
}
