package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.bytes.LittleEndian;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.ColumnType;
import com.s4bsv.bsv.row.Row;
import com.s4bsv.bsv.row.RowBuilder;
import java.io.IOException;

/** Sums the first column in its own type: integers wrap at their width, f32 adds in float. */
final class Bsum implements Tool {

    static final Usage USAGE = new Usage("sum the first column\n\n", "... | bsum TYPE \n\n",
            ">> echo '\\n1\\n2\\n3\\n4\\n' | bsv | bschema a:i64 | bsum i64 | bschema i64:a | csv\n10\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        if (context.args().size() != 1) {
            throw USAGE.error();
        }
        ColumnType type = ColumnType.parse(context.args().get(0));
        ChunkReader reader = new ChunkReader(context.in(), context.layout());
        Row row = new Row();
        long sum = 0;
        double doubleSum = 0;
        float floatSum = 0;
        while (reader.next(row)) {
            type.checkSize(row, 0);
            byte[] b = row.buffer();
            int off = row.offset(0);
            switch (type) {
                case I64, U64 -> sum += LittleEndian.i64(b, off);
                case I32, U32 -> sum += LittleEndian.i32(b, off);
                case I16, U16 -> sum += LittleEndian.i16(b, off);
                case F64 -> doubleSum += Double.longBitsToDouble(LittleEndian.i64(b, off));
                case F32 -> floatSum += Float.intBitsToFloat(LittleEndian.i32(b, off));
                case STRING -> throw new IllegalStateException("bsum has no string type");
            }
        }
        RowBuilder out = new RowBuilder();
        switch (type) {
            case I64, U64 -> out.addI64(sum);
            case I32, U32 -> out.addI32((int) sum);
            case I16, U16 -> out.addI16((int) sum);
            case F64 -> out.addF64(doubleSum);
            case F32 -> out.addF32(floatSum);
            case STRING -> throw new IllegalStateException("bsum has no string type");
        }
        ChunkWriter writer = new ChunkWriter(context.out(), context.layout());
        writer.write(out);
        writer.flush();
    }
}
