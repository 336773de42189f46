package com.s4bsv.bench;

import com.s4bsv.s4.checksum.StreamingChecksum;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import net.jpountz.xxhash.StreamingXXHash64;
import net.jpountz.xxhash.XXHashFactory;
import net.openhft.hashing.LongHashFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Streaming checksum candidates for s4 transfers, fed 64 KiB at a time (the size of a transfer buffer) over
 * {@code size} bytes. Baseline: the JDK's CRC32C. Score is bytes hashed per second via ops/s x size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChecksumBenchmark {

    private static final int BLOCK = 64 * 1024;

    @Param({"16777216"})
    int size;

    private byte[] data;
    private final XXHashFactory fastest = XXHashFactory.fastestInstance();
    private final XXHashFactory pureJava = XXHashFactory.safeInstance();
    private final LongHashFunction xxh3 = LongHashFunction.xx3();

    @Setup
    public void setUp() {
        data = new byte[size];
        new Random(1).nextBytes(data);
    }

    @Benchmark
    public long jdkCrc32cBaseline() {
        var crc = new CRC32C();
        for (int off = 0; off < size; off += BLOCK) {
            crc.update(data, off, Math.min(BLOCK, size - off));
        }
        return crc.getValue();
    }

    @Benchmark
    public long s4StreamingChecksum() {
        var crc = new StreamingChecksum();
        for (int off = 0; off < size; off += BLOCK) {
            crc.update(data, off, Math.min(BLOCK, size - off));
        }
        return crc.value();
    }

    @Benchmark
    public long jdkCrc32() {
        var crc = new CRC32();
        for (int off = 0; off < size; off += BLOCK) {
            crc.update(data, off, Math.min(BLOCK, size - off));
        }
        return crc.getValue();
    }

    @Benchmark
    public long lz4JavaXxh64Native() {
        StreamingXXHash64 hash = fastest.newStreamingHash64(0);
        for (int off = 0; off < size; off += BLOCK) {
            hash.update(data, off, Math.min(BLOCK, size - off));
        }
        return hash.getValue();
    }

    @Benchmark
    public long lz4JavaXxh64PureJava() {
        StreamingXXHash64 hash = pureJava.newStreamingHash64(0);
        for (int off = 0; off < size; off += BLOCK) {
            hash.update(data, off, Math.min(BLOCK, size - off));
        }
        return hash.getValue();
    }

    /** Not streaming (whole array at once): the upper bound an xxh3 port could reach. */
    @Benchmark
    public long zeroAllocationXxh3OneShot() {
        return xxh3.hashBytes(data);
    }
}
