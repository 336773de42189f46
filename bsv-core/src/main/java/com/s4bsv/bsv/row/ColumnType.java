package com.s4bsv.bsv.row;

import com.s4bsv.bsv.bytes.Bytes;
import com.s4bsv.bsv.bytes.LittleEndian;
import com.s4bsv.bsv.format.FatalException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How a tool reads a column: as a C string (the default) or as one of the little-endian numeric
 * types named by a TYPE argument ({@code i64}, {@code u16}, {@code f32}, ...).
 */
public enum ColumnType {
    STRING(0),
    I64(8),
    I32(4),
    I16(2),
    U64(8),
    U32(4),
    U16(2),
    F64(8),
    F32(4);

    private final int width;
    private final String typeName;

    ColumnType(int width) {
        this.width = width;
        this.typeName = name().toLowerCase(Locale.ROOT);
    }

    /** The numeric type named exactly {@code name}, else {@code fatal: bad type <name>}. */
    public static ColumnType parse(String name) {
        for (ColumnType t : values()) {
            if (t != STRING && t.typeName.equals(name)) {
                return t;
            }
        }
        throw new FatalException("fatal: bad type " + name + "\n");
    }

    /** The TYPE argument if present, else {@link #STRING}. */
    public static ColumnType parseOrString(@Nullable String name) {
        return name == null ? STRING : parse(name);
    }

    /** Byte width, 0 for strings. */
    public int width() {
        return width;
    }

    /** The name as spelled in arguments and messages ({@code i64}). */
    public String typeName() {
        return typeName;
    }

    public boolean isNumeric() {
        return this != STRING;
    }

    public boolean isFloat() {
        return this == F64 || this == F32;
    }

    /** Fails with {@code fatal: bad size for <type>: <size>} unless a column of {@code size} fits. */
    public void checkSize(int size) {
        if (this != STRING && size != width) {
            throw new FatalException("fatal: bad size for " + typeName + ": " + size + "\n");
        }
    }

    /** Checks the size of column {@code i} of {@code row}. */
    public void checkSize(Row row, int i) {
        if (this != STRING && row.size(i) != width) {
            checkSize(row.size(i));
        }
    }

    /**
     * Compares two columns of this type: strcmp for strings, signed or unsigned value for
     * integers, {@code <}/{@code >} for floats (so -0.0 equals 0.0 and NaN equals everything).
     * Numeric columns must already have the right width.
     */
    public int compare(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
        return switch (this) {
            case STRING -> Bytes.strcmp(a, aOff, aLen, b, bOff, bLen);
            case I64 -> Long.compare(LittleEndian.i64(a, aOff), LittleEndian.i64(b, bOff));
            case I32 -> Integer.compare(LittleEndian.i32(a, aOff), LittleEndian.i32(b, bOff));
            case I16 -> Integer.compare(LittleEndian.i16(a, aOff), LittleEndian.i16(b, bOff));
            case U64 -> Long.compareUnsigned(LittleEndian.i64(a, aOff), LittleEndian.i64(b, bOff));
            case U32 -> Integer.compareUnsigned(LittleEndian.i32(a, aOff), LittleEndian.i32(b, bOff));
            case U16 -> Integer.compare(LittleEndian.u16(a, aOff), LittleEndian.u16(b, bOff));
            case F64 ->
                compareFloats(
                        Double.longBitsToDouble(LittleEndian.i64(a, aOff)),
                        Double.longBitsToDouble(LittleEndian.i64(b, bOff)));
            case F32 ->
                compareFloats(
                        Float.intBitsToFloat(LittleEndian.i32(a, aOff)),
                        Float.intBitsToFloat(LittleEndian.i32(b, bOff)));
        };
    }

    /** Compares column {@code i} of {@code x} with column {@code j} of {@code y}. */
    public int compare(Row x, int i, Row y, int j) {
        return compare(x.buffer(), x.offset(i), x.size(i), y.buffer(), y.offset(j), y.size(j));
    }

    private static int compareFloats(double x, double y) {
        if (x < y) {
            return -1;
        }
        return x > y ? 1 : 0;
    }

    /**
     * A 64-bit key whose unsigned order is this type's order (for sorting); strings give their
     * first 8 bytes up to any NUL, big-endian, so ties need {@link #compare} when both are longer.
     * Float keys put -0.0 with 0.0; NaN has no consistent place and lands after +infinity.
     */
    public long sortKey(byte[] b, int off, int len) {
        return switch (this) {
            case STRING -> stringPrefix(b, off, len);
            case I64 -> LittleEndian.i64(b, off) ^ Long.MIN_VALUE;
            case I32 -> (long) LittleEndian.i32(b, off) ^ Long.MIN_VALUE;
            case I16 -> (long) LittleEndian.i16(b, off) ^ Long.MIN_VALUE;
            case U64 -> LittleEndian.i64(b, off);
            case U32 -> LittleEndian.i32(b, off) & 0xFFFF_FFFFL;
            case U16 -> LittleEndian.u16(b, off);
            case F64 -> floatKey(Double.longBitsToDouble(LittleEndian.i64(b, off)));
            case F32 -> floatKey(Float.intBitsToFloat(LittleEndian.i32(b, off)));
        };
    }

    private static long floatKey(double v) {
        if (v == 0.0) {
            v = 0.0;
        }
        long bits = Double.doubleToRawLongBits(v);
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    private static long stringPrefix(byte[] b, int off, int len) {
        long key = 0;
        int n = Math.min(8, len);
        int i = 0;
        for (; i < n; i++) {
            int c = b[off + i] & 0xFF;
            if (c == 0) {
                break;
            }
            key = (key << 8) | c;
        }
        return key << (8 * (8 - i));
    }
}
