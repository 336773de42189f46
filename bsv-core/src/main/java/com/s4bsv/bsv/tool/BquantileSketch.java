package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.arg.Argh;
import com.s4bsv.bsv.bytes.Bytes;
import com.s4bsv.bsv.bytes.CNumbers;
import com.s4bsv.bsv.bytes.LittleEndian;
import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.ColumnType;
import com.s4bsv.bsv.row.Row;
import com.s4bsv.bsv.row.RowBuilder;
import com.s4bsv.bsv.sketch.DdSketch;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Collapses the first column (a numeric TYPE) into one serialized DDSketch row. */
final class BquantileSketch implements Tool {

    static final Usage USAGE = new Usage(
            "collapse the first column into a single row ddsketch\n\n",
            "... | bquantile-sketch TYPE [-a|--alpha] [-b|--max-bins] [-m|--min-value] \n\n",
            ">> seq 1 100 | bsv | bschema a:i64 | bquantile-sketch i64 | bquantile-merge .2,.5,.7 | bschema f64:a,f64:a"
                    + " | csv\n0.2,19.88667024086646\n0.5,49.90296094906742\n0.7,70.11183939140405\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        Argh argh = new Argh()
                .value("-a", "--alpha")
                .value("-m", "--min-value")
                .value("-b", "--max-bins")
                .parse(context.args());
        double alpha = decimal("--alpha", argh.value("-a"), DdSketch.DEFAULT_ALPHA, "0.01");
        double minValue = decimal("--min-value", argh.value("-m"), DdSketch.DEFAULT_MIN_VALUE, "0.000000001");
        String bins = argh.value("-b");
        int maxBins = DdSketch.DEFAULT_MAX_BINS;
        if (bins != null) {
            if (!Bytes.isDigits(bins)) {
                throw new FatalException("fatal: bad arg: --max-bins '" + bins + "' (a whole number, e.g. "
                        + DdSketch.DEFAULT_MAX_BINS + ")\n");
            }
            maxBins = CNumbers.atoi(bins);
        }
        List<String> positionals = argh.positionals();
        if (positionals.size() != 1) {
            throw USAGE.error();
        }
        ColumnType type = ColumnType.parse(positionals.get(0));
        DdSketch sketch = DdSketch.create(alpha, maxBins, minValue);
        ChunkReader reader = new ChunkReader(context.in(), context.layout());
        Row row = new Row();
        while (reader.next(row)) {
            type.checkSize(row, 0);
            sketch.add(value(type, row.buffer(), row.offset(0)));
        }
        ChunkWriter writer = new ChunkWriter(context.out(), context.layout());
        RowBuilder out = new RowBuilder();
        sketch.write(out);
        writer.write(out);
        writer.flush();
    }

    /** The flag's value, digits and dots only as the original checks ({@code example} shows one in the error). */
    private static double decimal(String flag, @Nullable String arg, double otherwise, String example) {
        if (arg == null) {
            return otherwise;
        }
        if (!Bytes.isDigitsOrDot(arg)) {
            throw new FatalException(
                    "fatal: bad arg: " + flag + " '" + arg + "' (digits and a dot only, e.g. " + example + ")\n");
        }
        return CNumbers.strtod(arg);
    }

    /** The column as a double, as C converts each type (u64 correctly rounded as unsigned). */
    static double value(ColumnType type, byte[] b, int off) {
        return switch (type) {
            case I64 -> (double) LittleEndian.i64(b, off);
            case I32 -> LittleEndian.i32(b, off);
            case I16 -> LittleEndian.i16(b, off);
            case U64 -> unsignedToDouble(LittleEndian.i64(b, off));
            case U32 -> LittleEndian.i32(b, off) & 0xFFFF_FFFFL;
            case U16 -> LittleEndian.u16(b, off);
            case F64 -> Double.longBitsToDouble(LittleEndian.i64(b, off));
            case F32 -> Float.intBitsToFloat(LittleEndian.i32(b, off));
            case STRING -> throw new IllegalArgumentException("not numeric");
        };
    }

    static double unsignedToDouble(long v) {
        if (v >= 0) {
            return v;
        }
        // halve with the low bit kept as a sticky bit so the final rounding is still correct
        return ((double) ((v >>> 1) | (v & 1))) * 2.0;
    }
}
