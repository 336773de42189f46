package com.s4bsv.bench;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * Whole tools in-process over 200k rows (~18 MB of CSV): csv->bsv, bsv->csv, bcut, bsort (string and
 * i64), each beside a naive JDK baseline doing the same work on text (BufferedReader + split, sort
 * of String[]).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ToolsBenchmark {

    private byte[] csv = new byte[0];
    private byte[] bsv = new byte[0];
    private byte[] typed = new byte[0];

    @Setup
    public void setup() {
        csv = Data.csv(Data.ROWS);
        bsv = Data.run("bsv", csv);
        typed = Data.run("bschema", Data.run("bcut", bsv, "2,1"), "a:i64,*");
    }

    @Benchmark
    public int bsv() {
        return Data.sink("bsv", csv);
    }

    @Benchmark
    public int csv() {
        return Data.sink("csv", bsv);
    }

    @Benchmark
    public int bcut() {
        return Data.sink("bcut", bsv, "3,1");
    }

    @Benchmark
    public int bsort() {
        return Data.sink("bsort", bsv);
    }

    @Benchmark
    public int bsortI64() {
        return Data.sink("bsort", typed, "i64");
    }

    private List<String[]> naiveParse() throws IOException {
        BufferedReader r =
                new BufferedReader(new InputStreamReader(new ByteArrayInputStream(csv), StandardCharsets.ISO_8859_1));
        List<String[]> rows = new ArrayList<>();
        String line;
        while ((line = r.readLine()) != null) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    @Benchmark
    public int naiveCsvSplit() throws IOException {
        return naiveParse().size();
    }

    @Benchmark
    public int naiveCsvJoin() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String[] row : naiveParse()) {
            sb.append(String.join(",", row)).append('\n');
        }
        return sb.length();
    }

    @Benchmark
    public int naiveCutSplitJoin() throws IOException {
        int n = 0;
        for (String[] row : naiveParse()) {
            n += (row[2] + "," + row[0]).length();
        }
        return n;
    }

    @Benchmark
    public int naiveSortStrings() throws IOException {
        List<String[]> rows = naiveParse();
        rows.sort((a, b) -> a[0].compareTo(b[0]));
        return rows.size();
    }

    @Benchmark
    public int naiveSortLongs() throws IOException {
        List<String[]> rows = naiveParse();
        rows.sort((a, b) -> Long.compare(Long.parseLong(a[1]), Long.parseLong(b[1])));
        return rows.size();
    }
}
