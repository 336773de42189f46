package com.s4bsv.bsv.row;

import com.s4bsv.bsv.bytes.CNumbers;
import com.s4bsv.bsv.bytes.LittleEndian;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The {@code VALUE [TYPE]} of bdropuntil and btakeuntil, held as the bytes of a column of that
 * type: integers parsed with atol keeping the type's low bits, floats with atof.
 */
public final class Threshold {

    private final ColumnType type;
    private final byte[] value;

    private Threshold(ColumnType type, byte[] value) {
        this.type = type;
        this.value = value;
    }

    public static Threshold parse(String value, @Nullable String typeName) {
        ColumnType type = ColumnType.parseOrString(typeName);
        byte[] bytes = new byte[Math.max(8, type.width())];
        switch (type) {
            case STRING -> bytes = value.getBytes(StandardCharsets.UTF_8);
            case F64 -> LittleEndian.putI64(bytes, 0, Double.doubleToRawLongBits(CNumbers.strtod(value)));
            case F32 -> LittleEndian.putI32(bytes, 0, Float.floatToRawIntBits((float) CNumbers.strtod(value)));
            default -> LittleEndian.putI64(bytes, 0, CNumbers.strtol(value));
        }
        return new Threshold(type, bytes);
    }

    /** Size-checks the first column of {@code row} and compares it with the value. */
    public int compareFirst(Row row) {
        type.checkSize(row, 0);
        return type.compare(
                row.buffer(),
                row.offset(0),
                row.size(0),
                value,
                0,
                type == ColumnType.STRING ? value.length : type.width());
    }
}
