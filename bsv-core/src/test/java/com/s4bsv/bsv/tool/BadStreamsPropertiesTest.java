package com.s4bsv.bsv.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.testing.BsvModel;
import com.s4bsv.bsv.testing.ToolFeeds;
import com.s4bsv.bsv.testing.ToolHarness;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Every tool of the registry ({@link ToolFeeds#all()}) on streams made from valid bsv and then truncated,
 * corrupted or oversized: each run ends in a result (exit 0) or one error line with exit 1, within a timeout, and
 * never prints a stack trace. A truncation exactly at a chunk (or lz4 frame) boundary is valid input: the tool must
 * then succeed whenever it succeeds on the whole stream, and csv and bcountrows must give the right answer.
 */
class BadStreamsPropertiesTest {

    private static final int TIMEOUT_SECONDS = 10;
    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bad-stream-run");
        t.setDaemon(true);
        return t;
    });
    private static final Map<String, AtomicLong> OUTCOMES = new ConcurrentHashMap<>();
    private static final AtomicLong RUNS = new AtomicLong();

    /** How the valid stream is damaged. */
    enum Damage {
        TRUNCATE,
        TRUNCATE_AT_BOUNDARY,
        FLIP_BITS,
        CHUNK_SIZE,
        TOO_MANY_COLUMNS,
        COLUMN_SIZE,
        OVERSIZED_CHUNK,
        PARTIAL_HEADER,
        GARBAGE
    }

    record Case(ToolFeeds.Invocation invocation, int bufferSize, List<List<byte[]>> rows, Damage damage, long seed) {

        @Override
        public String toString() {
            return invocation + " B=" + bufferSize + " rows=" + rows.size() + " " + damage + " seed=" + seed;
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<byte[]>> row = Combinators.combine(
                        Arbitraries.longs().between(0, 9),
                        Arbitraries.longs(),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(24))
                .as((key, value, rest) -> List.of(le64(key), le64(value), rest));
        return Combinators.combine(
                        Arbitraries.of(ToolFeeds.all()),
                        Arbitraries.integers().between(64, 600),
                        row.list().ofMaxSize(30),
                        Arbitraries.of(Damage.class),
                        Arbitraries.longs())
                .as(Case::new);
    }

    @Property(tries = 4000)
    void everyToolAnswersADamagedStreamWithOneErrorLineOrAResult(@ForAll("cases") Case c) throws Exception {
        Layout layout = new Layout(c.bufferSize());
        byte[] valid = BsvModel.encode(c.rows(), layout);
        Path dir = Files.createTempDirectory("bad-stream");
        try {
            if (c.invocation().lz4()) {
                valid = new ToolHarness(layout, dir).run("blz4", valid).ok();
            }
            List<Integer> boundaries = boundaries(valid, c.invocation().lz4());
            Random random = new Random(c.seed());
            byte[] damaged = damage(valid, boundaries, c, layout, random);
            Run run = run(c.invocation(), damaged, layout, dir);
            RUNS.incrementAndGet();
            OUTCOMES.computeIfAbsent(run.outcome().exit() == 0 ? "ok" : "error", k -> new AtomicLong())
                    .incrementAndGet();
            assertThat(ToolFeeds.violation(run.outcome()))
                    .as("%s on %d bytes", c, damaged.length)
                    .isNull();
            if (c.damage() == Damage.TRUNCATE_AT_BOUNDARY) {
                ToolFeeds.clear(dir);
                Run whole = run(c.invocation(), valid, layout, dir);
                if (whole.outcome().exit() == 0) {
                    assertThat(run.outcome().exit())
                            .as(
                                    "%s: a stream cut at a chunk boundary is valid: %s",
                                    c, run.outcome().err())
                            .isZero();
                    int chunks = boundaries.indexOf(damaged.length);
                    checkResult(c, layout, damaged, chunks, run.out());
                }
            }
        } finally {
            ToolFeeds.clear(dir);
            Files.delete(dir);
        }
    }

    /** csv and bcountrows on a cut stream answer for exactly the rows before the cut. */
    private static void checkResult(Case c, Layout layout, byte[] cut, int chunks, byte[] out) {
        if (c.invocation().lz4() || !c.invocation().args().isEmpty()) {
            return;
        }
        List<List<byte[]>> kept = BsvModel.decode(cut);
        switch (c.invocation().tool()) {
            case "csv" -> assertThat(out).as("%s after %d chunks", c, chunks).isEqualTo(BsvModel.csv(kept));
            case "bcountrows" ->
                assertThat(BsvModel.decode(out))
                        .singleElement()
                        .satisfies(r -> assertThat(r.get(0)).isEqualTo(le64(kept.size())));
            default -> {}
        }
    }

    private record Run(ToolFeeds.Outcome outcome, byte[] out) {}

    private static Run run(ToolFeeds.Invocation invocation, byte[] input, Layout layout, Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Future<ToolFeeds.Outcome> future = RUNNER.submit(() -> invocation.run(input, layout, dir, out));
        try {
            return new Run(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), out.toByteArray());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError(
                    invocation + " did not finish within " + TIMEOUT_SECONDS + " s on " + input.length + " bytes");
        }
    }

    /** Offsets where a chunk (or lz4 frame) starts, and the stream's end. */
    private static List<Integer> boundaries(byte[] stream, boolean lz4) {
        List<Integer> at = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(stream).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            at.add(b.position());
            int size = b.getInt();
            if (lz4) {
                size = b.getInt();
            }
            b.position(b.position() + size);
        }
        at.add(stream.length);
        return at;
    }

    private static byte[] damage(byte[] valid, List<Integer> boundaries, Case c, Layout layout, Random random) {
        int chunks = boundaries.size() - 1;
        byte[] s = valid.clone();
        switch (c.damage()) {
            case TRUNCATE -> {
                return Arrays.copyOf(s, random.nextInt(s.length + 1));
            }
            case TRUNCATE_AT_BOUNDARY -> {
                return Arrays.copyOf(s, boundaries.get(random.nextInt(boundaries.size())));
            }
            case FLIP_BITS -> {
                for (int i = 1 + random.nextInt(3); i > 0 && s.length > 0; i--) {
                    s[random.nextInt(s.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return s;
            }
            case CHUNK_SIZE -> {
                if (chunks == 0) {
                    return s;
                }
                boolean compressedSize = c.invocation().lz4() && random.nextBoolean();
                int at = boundaries.get(random.nextInt(chunks)) + (compressedSize ? 4 : 0);
                int[] sizes = {
                    layout.bufferSize() + 1,
                    -1,
                    0,
                    Integer.MAX_VALUE,
                    Integer.MIN_VALUE,
                    s.length - at + random.nextInt(8),
                    layout.lz4BufferSize() + 1
                };
                putI32(s, at, sizes[random.nextInt(sizes.length)]);
                return s;
            }
            case TOO_MANY_COLUMNS, COLUMN_SIZE -> {
                if (chunks == 0 || c.invocation().lz4()) {
                    return s;
                }
                // a row's max field (65535: 65536 columns) or one column size (up to 65535) of the first row of a chunk
                int row = boundaries.get(random.nextInt(chunks)) + 4;
                int columns = (s[row] & 0xFF) + 1;
                int field = c.damage() == Damage.TOO_MANY_COLUMNS ? row : row + 2 + 2 * random.nextInt(columns);
                int value = c.damage() == Damage.TOO_MANY_COLUMNS
                        ? 0xFFFF
                        : new int[] {0xFFFF, 0xFFFE, layout.bufferSize(), 9}[random.nextInt(4)];
                s[field] = (byte) value;
                s[field + 1] = (byte) (value >>> 8);
                return s;
            }
            case OVERSIZED_CHUNK -> {
                // a chunk that really holds B + 1 bytes (or more), after the valid ones
                byte[] body = new byte[layout.bufferSize() + 1 + random.nextInt(64)];
                random.nextBytes(body);
                return concat(s, i32(body.length), body);
            }
            case PARTIAL_HEADER -> {
                return concat(s, Arrays.copyOf(i32(random.nextInt()), 1 + random.nextInt(3)));
            }
            case GARBAGE -> {
                byte[] garbage = new byte[random.nextInt(65)];
                random.nextBytes(garbage);
                return random.nextBoolean() ? garbage : concat(s, garbage);
            }
            default -> throw new IllegalStateException();
        }
    }

    @AfterContainer
    static void report() {
        System.out.println("RELIABILITY bad-input: tools=" + Tools.NAMES.size() + " invocations="
                + ToolFeeds.all().size() + " streams=" + RUNS.get() + " outcomes=" + OUTCOMES + " violations=0");
    }

    private static byte[] le64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    private static byte[] i32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static void putI32(byte[] s, int at, int v) {
        System.arraycopy(i32(v), 0, s, at, 4);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
