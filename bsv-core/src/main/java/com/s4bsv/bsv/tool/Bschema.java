package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.arg.Argh;
import com.s4bsv.bsv.bytes.Bytes;
import com.s4bsv.bsv.bytes.CFormat;
import com.s4bsv.bsv.bytes.CNumbers;
import com.s4bsv.bsv.bytes.LittleEndian;
import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.ColumnType;
import com.s4bsv.bsv.row.Row;
import com.s4bsv.bsv.row.RowBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates column counts and sizes and converts columns between ASCII and the numeric types, one
 * spec per column; with --filter, rows failing a count or size check are dropped instead.
 */
final class Bschema implements Tool {

    static final Usage USAGE = new Usage(
            "validate and converts row data with a schema of columns\n\n",
            "... | bschema SCHEMA [--filter]\n\n",
            "  --filter remove bad rows instead of erroring\n\n  example schemas:\n"
                    + "    *,*,*             = 3 columns of any size\n"
                    + "    8,*               = a column with 8 bytes followed by a column of any size\n"
                    + "    8,*,...           = same as above, but ignore any trailing columns\n"
                    + "    a:u16,a:i32,a:f64 = convert ascii to numerics\n"
                    + "    u16:a,i32:a,f64:a = convert numerics to ascii\n"
                    + "    4*,*4             = keep the first 4 bytes of column 1 and the last 4 of column 2\n\n"
                    + ">> echo aa,bbb,cccc | bsv | bschema 2,3,4 | csv\naa,bbb,cccc\n");

    private enum Kind {
        ANY,
        EXACT,
        TAIL,
        HEAD,
        TO_NUMBER,
        TO_ASCII
    }

    private record Spec(Kind kind, int size, ColumnType type) {}

    private static final byte[] ZERO = {'0'};

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        Argh argh = new Argh().bool("-f", "--filter").parse(context.args());
        if (argh.positionals().size() != 1) {
            throw USAGE.error();
        }
        boolean filter = argh.isSet("--filter");
        boolean atLeast = false;
        List<Spec> parsed = new ArrayList<>();
        for (String piece : argh.positionals().get(0).split(",", -1)) {
            if (piece.length() >= 1024) {
                throw new FatalException("fatal: schema too large\n");
            }
            if (piece.equals("...")) {
                atLeast = true;
                break;
            }
            parsed.add(parse(piece));
        }
        Spec[] specs = parsed.toArray(new Spec[0]);
        int count = specs.length;
        ChunkReader reader = new ChunkReader(context.in(), context.layout());
        ChunkWriter writer = new ChunkWriter(context.out(), context.layout());
        Row row = new Row();
        RowBuilder out = new RowBuilder();
        long filtered = 0;
        while (reader.next(row)) {
            int columns = row.columns();
            if (atLeast ? columns < count : columns != count) {
                if (filter) {
                    filtered++;
                    continue;
                }
                throw new FatalException("fatal: row had " + columns + " columns, needed "
                        + (atLeast ? "at least " : "") + count + "\n");
            }
            out.reset();
            boolean bad = false;
            for (int i = 0; i < count; i++) {
                bad |= !convert(specs[i], row, i, out, filter);
            }
            if (bad) {
                filtered++;
                continue;
            }
            writer.write(out);
        }
        writer.flush();
        if (filtered > 0) {
            context.err().write(("filtered: " + filtered + "\n").getBytes(StandardCharsets.US_ASCII));
            context.err().flush();
        }
    }

    private static Spec parse(String piece) {
        if (piece.equals("*")) {
            return new Spec(Kind.ANY, 0, ColumnType.STRING);
        }
        if (Bytes.isDigits(piece)) {
            return new Spec(Kind.EXACT, CNumbers.atoi(piece), ColumnType.STRING);
        }
        if (piece.length() > 1 && piece.startsWith("*") && Bytes.isDigits(piece.substring(1))) {
            return new Spec(Kind.TAIL, CNumbers.atoi(piece.substring(1)), ColumnType.STRING);
        }
        if (piece.length() > 1 && piece.endsWith("*") && Bytes.isDigits(piece.substring(0, piece.length() - 1))) {
            return new Spec(Kind.HEAD, CNumbers.atoi(piece.substring(0, piece.length() - 1)), ColumnType.STRING);
        }
        for (ColumnType t : ColumnType.values()) {
            if (t == ColumnType.STRING) {
                continue;
            }
            if (piece.equals("a:" + t.typeName())) {
                return new Spec(Kind.TO_NUMBER, t.width(), t);
            }
            if (piece.equals(t.typeName() + ":a")) {
                return new Spec(Kind.TO_ASCII, t.width(), t);
            }
        }
        throw new FatalException("fatal: bad schema: " + piece + "\n");
    }

    /** Appends column {@code i} converted; false when a filterable check failed under --filter. */
    private static boolean convert(Spec spec, Row row, int i, RowBuilder out, boolean filter) {
        byte[] b = row.buffer();
        int off = row.offset(i);
        int size = row.size(i);
        switch (spec.kind()) {
            case ANY -> out.add(b, off, size);
            case EXACT, HEAD, TAIL -> {
                boolean fits = spec.kind() == Kind.EXACT ? size == spec.size() : size >= spec.size();
                if (!fits) {
                    if (filter) {
                        return false;
                    }
                    throw new FatalException(
                            "fatal: column " + i + " was size " + size + ", needed to be " + spec.size() + "\n");
                }
                out.add(b, spec.kind() == Kind.TAIL ? off + size - spec.size() : off, spec.size());
            }
            case TO_NUMBER -> toNumber(spec.type(), b, off, size, out);
            case TO_ASCII -> {
                if (size != spec.size()) {
                    if (filter) {
                        return false;
                    }
                    throw new FatalException("fatal: number->ascii didn't have the write number of bytes\n");
                }
                toAscii(spec.type(), b, off, out);
            }
        }
        return true;
    }

    private static void toNumber(ColumnType type, byte[] b, int off, int size, RowBuilder out) {
        switch (type) {
            case I16, I32, I64 -> {
                long v = CNumbers.strtol(b, off, size);
                if (v == Long.MIN_VALUE) {
                    throw new FatalException("fatal: above max value: " + v + " > -9223372036854775808\n");
                }
                if (v == Long.MAX_VALUE) {
                    throw new FatalException("fatal: above max value: " + v + " > 9223372036854775807\n");
                }
                long min = type == ColumnType.I16
                        ? Short.MIN_VALUE
                        : type == ColumnType.I32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
                long max = type == ColumnType.I16
                        ? Short.MAX_VALUE
                        : type == ColumnType.I32 ? Integer.MAX_VALUE : Long.MAX_VALUE;
                if (v < min) {
                    throw new FatalException("fatal: below min value: " + v + " < " + min + "\n");
                }
                if (v > max) {
                    throw new FatalException("fatal: above max value: " + v + " > " + max + "\n");
                }
                addInteger(type, v, out);
            }
            case U16, U32, U64 -> {
                if (Bytes.strcmp(b, off, size, ZERO, 0, 1) < 0) {
                    throw new FatalException("fatal: unsigned value cannot be below zero\n");
                }
                long v = CNumbers.strtoul(b, off, size);
                if (v == -1L) {
                    throw new FatalException(
                            "fatal: above max value: " + Long.toUnsignedString(v) + " > 18446744073709551615\n");
                }
                long max = type == ColumnType.U16 ? 0xFFFF : type == ColumnType.U32 ? 0xFFFF_FFFFL : -1L;
                if (Long.compareUnsigned(v, max) > 0) {
                    throw new FatalException(
                            "fatal: above max value: " + Long.toUnsignedString(v) + " > " + max + "\n");
                }
                addInteger(type, v, out);
            }
            case F64 -> out.addF64(CNumbers.strtod(b, off, size));
            case F32 -> out.addF32((float) CNumbers.strtod(b, off, size));
            case STRING -> throw new IllegalStateException("no ascii conversion to string");
        }
    }

    private static void addInteger(ColumnType type, long v, RowBuilder out) {
        switch (type.width()) {
            case 2 -> out.addI16((int) v);
            case 4 -> out.addI32((int) v);
            default -> out.addI64(v);
        }
    }

    private static void toAscii(ColumnType type, byte[] b, int off, RowBuilder out) {
        byte[] s = out.scratch(CFormat.MAX_LENGTH);
        int at = out.scratchPosition();
        int n = switch (type) {
            case I16 -> CFormat.formatLong(LittleEndian.i16(b, off), s, at);
            case I32 -> CFormat.formatLong(LittleEndian.i32(b, off), s, at);
            case I64 -> CFormat.formatLong(LittleEndian.i64(b, off), s, at);
            case U16 -> CFormat.formatLong(LittleEndian.u16(b, off), s, at);
            case U32 -> CFormat.formatLong(LittleEndian.i32(b, off) & 0xFFFF_FFFFL, s, at);
            case U64 -> CFormat.formatUnsigned(LittleEndian.i64(b, off), s, at);
            case F64 -> CFormat.formatG(Double.longBitsToDouble(LittleEndian.i64(b, off)), 16, s, at);
            case F32 -> CFormat.formatG(Float.intBitsToFloat(LittleEndian.i32(b, off)), 8, s, at);
            case STRING -> throw new IllegalStateException("no string to ascii conversion");
        };
        out.addScratch(n);
    }
}
