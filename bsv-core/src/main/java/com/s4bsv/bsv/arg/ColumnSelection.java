package com.s4bsv.bsv.arg;

import com.s4bsv.bsv.bytes.CNumbers;
import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.format.Layout;
import com.s4bsv.bsv.row.Row;

/** The {@code COL1,...,COLN} argument of bcut and bcombine: 1-based indices parsed with atoi. */
public final class ColumnSelection {

    private ColumnSelection() {}

    /** Zero-based indices in argument order, or the original's errors. */
    public static int[] parse(String arg) {
        String[] pieces = arg.split(",", -1);
        int[] indices = new int[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            int index = CNumbers.atoi(pieces[i]);
            if (index > Layout.MAX_COLUMNS) {
                throw new FatalException("fatal: cannot select indices above 65535, tried to select: " + index + "\n");
            }
            if (index <= 0) {
                // the original's words (and its missing newline) are kept up to the aside
                String why = pieces[i].strip().matches("[+-]?[0-9]+")
                        ? "columns are numbered from 1"
                        : "not a column number: '" + pieces[i] + "'";
                throw new FatalException("fatal: indices must be gte 0, got: " + index + " (" + why + ")\n");
            }
            indices[i] = index - 1;
        }
        if (pieces.length > Layout.MAX_COLUMNS) {
            throw new FatalException("fatal: cannot select more than 65535 indices\n");
        }
        return indices;
    }

    /** {@code fatal: line with <n> columns, needed <index>} for a zero-based index. */
    public static FatalException missing(Row row, int index) {
        return new FatalException("fatal: line with " + row.columns() + " columns, needed " + (index + 1) + "\n");
    }
}
