package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.bytes.Bytes;
import com.s4bsv.bsv.bytes.CNumbers;
import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.io.ChunkReader;
import com.s4bsv.bsv.io.ChunkWriter;
import com.s4bsv.bsv.row.Row;
import com.s4bsv.bsv.row.RowBuilder;
import com.s4bsv.bsv.sketch.DdSketch;
import java.io.IOException;

/** Merges serialized DDSketch rows in input order and emits {@code [f64 q, f64 value]} per quantile. */
final class BquantileMerge implements Tool {

    static final Usage USAGE = new Usage(
            "merge ddsketches and output quantile value pairs as f64\n\n",
            "... | bquantile-merge QUANTILES \n\n",
            ">> seq 1 100 | bsv | bschema a:i64 | bquantile-sketch i64 | bquantile-merge .2,.5,.7 | bschema f64:a,f64:a"
                    + " | csv\n0.2,19.88667024086646\n0.5,49.90296094906742\n0.7,70.11183939140405\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        if (context.args().size() != 1) {
            throw USAGE.error();
        }
        String[] pieces = context.args().get(0).split(",", -1);
        double[] quantiles = new double[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            double q = CNumbers.strtod(pieces[i]);
            if (!Bytes.isDigitsOrDot(pieces[i]) || !(q >= 0 && q <= 1)) {
                throw new FatalException("fatal: bad arg: '" + pieces[i]
                        + "' (QUANTILES are numbers from 0 to 1, separated by commas, e.g. .5,.9,.99)\n");
            }
            quantiles[i] = q;
        }
        ChunkReader reader = new ChunkReader(context.in(), context.layout());
        Row row = new Row();
        DdSketch sketch = new DdSketch();
        DdSketch other = new DdSketch();
        if (!reader.next(row)) {
            // the original crashes on empty input; report it as the no-data error it has
            throw new FatalException("fatal: bad q param or no data 17\n");
        }
        sketch.read(row);
        while (reader.next(row)) {
            other.read(row);
            sketch.merge(other);
        }
        ChunkWriter writer = new ChunkWriter(context.out(), context.layout());
        RowBuilder out = new RowBuilder();
        for (double q : quantiles) {
            writer.write(out.reset().addF64(q).addF64(sketch.quantile(q)));
        }
        writer.flush();
    }
}
