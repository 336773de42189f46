package com.s4bsv.bsv.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.testing.BsvModel;
import com.s4bsv.bsv.testing.ToolHarness;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** bsum of every numeric type against sums done in that Java type: integers wrap at their width, floats add in order. */
class BsumTest {

    private static final Layout LAYOUT = new Layout(96);

    @Property(tries = 80)
    void sumsInTheColumnsOwnArithmetic(@ForAll List<Long> values) {
        long i64 = 0;
        int i32 = 0;
        short i16 = 0;
        double f64 = 0;
        float f32 = 0;
        for (long v : values) {
            i64 += v;
            i32 += (int) v;
            i16 += (short) v;
            f64 += v / 7.0;
            f32 += (float) (v / 3.0);
        }
        assertThat(sum("i64", 8, values, (b, v) -> b.putLong(v))).isEqualTo(i64);
        assertThat(sum("u64", 8, values, (b, v) -> b.putLong(v))).isEqualTo(i64);
        assertThat((int) sum("i32", 4, values, (b, v) -> b.putInt((int) (long) v)))
                .isEqualTo(i32);
        assertThat((int) sum("u32", 4, values, (b, v) -> b.putInt((int) (long) v)))
                .isEqualTo(i32);
        assertThat((short) sum("i16", 2, values, (b, v) -> b.putShort((short) (long) v)))
                .isEqualTo(i16);
        assertThat((short) sum("u16", 2, values, (b, v) -> b.putShort((short) (long) v)))
                .isEqualTo(i16);
        assertThat(sum("f64", 8, values, (b, v) -> b.putDouble(v / 7.0))).isEqualTo(Double.doubleToRawLongBits(f64));
        assertThat((int) sum("f32", 4, values, (b, v) -> b.putFloat((float) (v / 3.0))))
                .isEqualTo(Float.floatToRawIntBits(f32));
    }

    private interface Put {
        void put(ByteBuffer b, Long v);
    }

    /** The raw bits of bsum's one output column, sign-extended from the type's width. */
    private static long sum(String type, int width, List<Long> values, Put put) {
        List<List<byte[]>> rows = new ArrayList<>();
        for (Long v : values) {
            ByteBuffer b = ByteBuffer.allocate(width).order(ByteOrder.LITTLE_ENDIAN);
            put.put(b, v);
            rows.add(List.of(b.array()));
        }
        byte[] out = new ToolHarness(LAYOUT)
                .run("bsum", BsvModel.encode(rows, LAYOUT), type)
                .ok();
        List<List<byte[]>> decoded = BsvModel.decode(out);
        assertThat(decoded).hasSize(1);
        byte[] column = decoded.get(0).get(0);
        assertThat(column).hasSize(width);
        ByteBuffer b = ByteBuffer.wrap(column).order(ByteOrder.LITTLE_ENDIAN);
        return switch (width) {
            case 8 -> b.getLong();
            case 4 -> b.getInt();
            default -> b.getShort();
        };
    }
}
