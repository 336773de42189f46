package com.s4bsv.bsv.row;

import com.s4bsv.bsv.bytes.LittleEndian;

/**
 * Sums held in a {@code long} as the raw bits of a value of a numeric type, added in that type's
 * arithmetic: integers wrap at their width, f32 adds in float, f64 in double.
 */
public final class TypedSum {

    private TypedSum() {}

    /** The raw bits of the value at {@code b[off]} (its width must already be checked). */
    public static long bits(ColumnType type, byte[] b, int off) {
        return switch (type.width()) {
            case 8 -> LittleEndian.i64(b, off);
            case 4 -> LittleEndian.i32(b, off);
            case 2 -> LittleEndian.i16(b, off);
            default -> throw new IllegalArgumentException("not numeric: " + type);
        };
    }

    /** {@code acc} plus the value at {@code b[off]}. */
    public static long add(ColumnType type, long acc, byte[] b, int off) {
        return switch (type) {
            case I64, U64 -> acc + LittleEndian.i64(b, off);
            case I32, U32 -> (int) acc + LittleEndian.i32(b, off);
            case I16, U16 -> (short) (acc + LittleEndian.i16(b, off));
            case F64 ->
                Double.doubleToRawLongBits(
                        Double.longBitsToDouble(acc) + Double.longBitsToDouble(LittleEndian.i64(b, off)));
            case F32 ->
                Float.floatToRawIntBits(
                        Float.intBitsToFloat((int) acc) + Float.intBitsToFloat(LittleEndian.i32(b, off)));
            case STRING -> throw new IllegalArgumentException("not numeric");
        };
    }

    /** Appends {@code acc} as a column of the type's width. */
    public static void addTo(RowBuilder out, ColumnType type, long acc) {
        switch (type.width()) {
            case 8 -> out.addI64(acc);
            case 4 -> out.addI32((int) acc);
            default -> out.addI16((int) acc);
        }
    }
}
