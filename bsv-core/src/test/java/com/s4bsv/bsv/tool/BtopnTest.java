package com.s4bsv.bsv.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.testing.BsvModel;
import com.s4bsv.bsv.testing.ToolHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BtopnTest {

    private final ToolHarness h = new ToolHarness();

    @Test
    void keepsTieOrderOfTheOriginalHeap() {
        // equal keys: the heap's sift rules decide which payload comes first
        String csv = "b,1\na,2\nb,3\nb,4\na,5\nb,6\n";
        assertThat(h.pipe(csv, "bsv", "btopn 3", "csv")).isEqualTo("b,1\nb,6\nb,4\n");
        assertThat(h.pipe(csv, "bsv", "btopn 3 -r", "csv")).isEqualTo("a,2\na,5\nb,1\n");
    }

    @Test
    void typedAndReversedWithFlagsAnywhere() {
        List<List<byte[]>> rows = new ArrayList<>();
        for (long v : new long[] {5, -1, 7, 0, -9}) {
            rows.add(List.of(RowGen.i64(v)));
        }
        byte[] in = BsvModel.encode(rows, Layout.DEFAULT);
        assertThat(values(h.run("btopn", in, "2", "i64").ok())).containsExactly(7L, 5L);
        assertThat(values(h.run("btopn", in, "-r", "2", "i64").ok())).containsExactly(-9L, -1L);
        assertThat(values(h.run("btopn", in, "2", "--reversed", "u64").ok())).containsExactly(0L, 5L);
        assertThat(values(h.run("btopn", in, "9", "i64").ok())).containsExactly(7L, 5L, 0L, -1L, -9L);
    }

    private static List<Long> values(byte[] bsv) {
        return BsvModel.decode(bsv).stream().map(r -> RowGen.i64(r.get(0))).toList();
    }

    @Test
    void argumentErrors() {
        byte[] in = h.bsv("a\n");
        String usage = "usage: ... | btopn N [TYPE] [-r|--reversed]\n\n";
        assertThat(h.run("btopn", in).errText()).isEqualTo(usage);
        assertThat(h.run("btopn", in, "x").errText()).isEqualTo(usage);
        assertThat(h.run("btopn", in, "-1").errText()).isEqualTo(usage);
        assertThat(h.run("btopn", in, "1", "i64", "x").errText()).isEqualTo(usage);
        assertThat(h.run("btopn", in, "1", "i8").errText()).isEqualTo("fatal: bad type i8\n");
        ToolHarness.Result r = h.run("btopn", in, "1", "i64");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errText()).isEqualTo("fatal: bad size for i64: 1\n");
    }
}
