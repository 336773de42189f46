package com.s4bsv.bench;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.pipeline.Pipeline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process part of a map over tiny keys (issue 13): {@code bcut 1 | csv} on one row, as the node runs it per
 * key (a thread per stage, joined by an in-memory pipe, default chunk size), beside the same two tools run one after
 * the other on this thread (no threads, no pipe). Run with {@code -prof gc} for the bytes each run allocates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TinyPipelineBenchmark {

    private final Pipeline pipeline = Pipeline.of("bcut 1 | csv");
    private byte[] key = new byte[0];

    @Setup
    public void setup() {
        key = Data.run("bsv", "42,x\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Benchmark
    public int pipeline() throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        int status = pipeline.run(
                new ByteArrayInputStream(key), out, OutputStream.nullOutputStream(), Layout.DEFAULT, Path.of(""));
        return status + out.size();
    }

    @Benchmark
    public int toolsOneAfterAnother() {
        byte[] cut = Data.run("bcut", key, "1");
        return Data.run("csv", cut).length;
    }
}
