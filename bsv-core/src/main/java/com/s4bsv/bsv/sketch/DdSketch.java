package com.s4bsv.bsv.sketch;

import com.s4bsv.bsv.bytes.LittleEndian;
import com.s4bsv.bsv.format.FatalException;
import com.s4bsv.bsv.row.Row;
import com.s4bsv.bsv.row.RowBuilder;
import java.util.Arrays;

/**
 * The original's DDSketch (spec Appendix B): config, sketch and store in one mutable object, with
 * its quirks kept (max starts at DBL_MIN, a 32-bit rank total, the grow and merge cases as
 * written). The bins array may be longer than {@code numBins}; only the first numBins count, which
 * lets merges reuse arrays instead of reallocating per row.
 */
public final class DdSketch {

    public static final double DEFAULT_ALPHA = 0.01;
    public static final int DEFAULT_MAX_BINS = 2048;
    public static final double DEFAULT_MIN_VALUE = 1e-9;
    static final int INITIAL_BINS = 128;
    private static final int GROW_LEFT_STEP = 128;
    private static final int HEADER_COLUMNS = 14;
    private static final int[] HEADER_WIDTHS = {8, 8, 8, 8, 4, 8, 8, 8, 4, 4, 4, 8, 4, 4};
    private static final int FIRST_SIZE_ERROR = 19;

    private int maxBins;
    private double gamma;
    private double gammaLn;
    private double minValue;
    private int offset;
    private double min = Double.MAX_VALUE;
    private double max = Double.MIN_NORMAL;
    private long count;
    private double sum;
    private long[] bins = new long[INITIAL_BINS];
    private int numBins = INITIAL_BINS;
    private int maxNumBins;
    private long storeCount;
    private int minKey;
    private int maxKey;

    /** An empty sketch for the given config. */
    public static DdSketch create(double alpha, int maxBins, double minValue) {
        DdSketch s = new DdSketch();
        s.maxBins = maxBins;
        s.gamma = 1 + (2 * alpha) / (1 - alpha);
        s.gammaLn = Math.log1p((2 * alpha) / (1 - alpha));
        s.minValue = minValue;
        s.offset = -(int) (Math.log(minValue) / s.gammaLn) + 1;
        s.maxNumBins = maxBins;
        return s;
    }

    /** An empty holder for {@link #read}. */
    public DdSketch() {}

    long count() {
        return count;
    }

    public void add(double v) {
        storeAdd(key(v));
        if (v < min) {
            min = v;
        }
        if (max < v) {
            max = v;
        }
        count++;
        sum += v;
    }

    private int key(double v) {
        if (v < -minValue) {
            return -(int) Math.ceil(Math.log(-v) / gammaLn) - offset;
        }
        if (v > minValue) {
            return (int) Math.ceil(Math.log(v) / gammaLn) + offset;
        }
        return 0;
    }

    private void storeAdd(int key) {
        if (storeCount == 0) {
            maxKey = key;
            minKey = key - numBins + 1;
        }
        if (key < minKey) {
            growLeft(key);
        } else if (key > maxKey) {
            growRight(key);
        }
        int j = Math.max(0, key - minKey);
        if (j >= numBins) {
            throw fatal("fatal: index error 16\n");
        }
        bins[j]++;
        storeCount++;
    }

    private void growLeft(int key) {
        if (minKey < key || numBins >= maxNumBins) {
            return;
        }
        int newMin;
        if (maxKey - key >= maxNumBins) {
            newMin = maxKey - maxNumBins + 1;
        } else {
            newMin = minKey;
            while (newMin > key) {
                newMin -= GROW_LEFT_STEP;
            }
        }
        int length = maxKey - newMin + 1;
        int shift = minKey - newMin;
        if (length < numBins) {
            throw fatal("fatal: overflow 1\n");
        }
        if (length - shift < numBins) {
            throw fatal("fatal overflow 1b\n");
        }
        long[] grown = bins.length >= length ? bins : new long[Math.max(length, bins.length * 2)];
        System.arraycopy(bins, 0, grown, shift, numBins);
        Arrays.fill(grown, 0, shift, 0);
        Arrays.fill(grown, shift + numBins, length, 0);
        bins = grown;
        numBins = length;
        minKey = newMin;
    }

    private void growRight(int key) {
        if (maxKey > key) {
            return;
        }
        if ((long) key - maxKey >= maxNumBins) {
            ensureCapacity(maxNumBins, 0);
            Arrays.fill(bins, 0, maxNumBins, 0);
            bins[0] = storeCount;
            numBins = maxNumBins;
            maxKey = key;
            minKey = key - maxNumBins + 1;
        } else if ((long) key - minKey >= maxNumBins) {
            int newMin = key - maxNumBins + 1;
            long n = 0;
            for (int i = minKey; i < newMin && i <= maxKey; i++) {
                if (i - minKey >= numBins) {
                    throw fatal("fatal: index error 2\n");
                }
                n += bins[i - minKey];
            }
            int shift = newMin - minKey;
            if (numBins < maxNumBins) {
                if (maxNumBins < numBins - shift) {
                    throw fatal("fatal: overflow 3\n");
                }
                int kept = Math.max(0, numBins - shift);
                ensureCapacity(maxNumBins, numBins);
                System.arraycopy(bins, Math.min(shift, numBins), bins, 0, kept);
                Arrays.fill(bins, kept, maxNumBins, 0);
                numBins = maxNumBins;
            } else {
                if (shift <= 0) {
                    throw fatal("fatal: bad offset 4\n");
                }
                System.arraycopy(bins, Math.min(shift, numBins), bins, 0, Math.max(0, numBins - shift));
                for (int p = Math.max(0, maxKey - newMin + 1); p <= maxNumBins - 1; p++) {
                    if (p >= numBins) {
                        throw fatal("fatal: index error 5\n");
                    }
                    bins[p] = 0;
                }
            }
            maxKey = key;
            minKey = newMin;
            if (numBins <= 0) {
                throw fatal("fatal: index error 6\n");
            }
            bins[0] += n;
        } else {
            int length = key - minKey + 1;
            if (length < numBins) {
                throw fatal("fatal: overflow 7\n");
            }
            ensureCapacity(length, numBins);
            Arrays.fill(bins, numBins, length, 0);
            numBins = length;
            maxKey = key;
        }
    }

    /** Makes {@code bins} hold at least {@code n} entries, keeping the first {@code keep}. */
    private void ensureCapacity(int n, int keep) {
        if (bins.length < n) {
            long[] grown = new long[Math.max(n, bins.length * 2)];
            System.arraycopy(bins, 0, grown, 0, keep);
            bins = grown;
        }
    }

    /** Merges {@code o} into this sketch; {@code o} is left unusable (its bins may be taken). */
    public void merge(DdSketch o) {
        if (o.maxBins != maxBins || o.gamma != gamma || o.minValue != minValue) {
            throw fatal("fatal: must merge sketches with same config settings\n");
        }
        if (o.count == 0) {
            return;
        }
        if (count == 0) {
            copyStore(o);
            count = o.count;
            sum = o.sum;
            min = o.min;
            max = o.max;
            return;
        }
        mergeStore(o);
        count += o.count;
        sum += o.sum;
        if (o.min < min) {
            min = o.min;
        }
        if (o.max > max) {
            max = o.max;
        }
    }

    private void copyStore(DdSketch o) {
        ensureCapacity(o.numBins, 0);
        System.arraycopy(o.bins, 0, bins, 0, o.numBins);
        numBins = o.numBins;
        maxNumBins = o.maxNumBins;
        storeCount = o.storeCount;
        minKey = o.minKey;
        maxKey = o.maxKey;
    }

    private void mergeStore(DdSketch o) {
        if (o.storeCount == 0) {
            return;
        }
        if (storeCount == 0) {
            copyStore(o);
            return;
        }
        if (maxKey > o.maxKey) {
            if (o.minKey < minKey) {
                growLeft(o.minKey);
            }
            for (int i = Math.max(o.minKey, minKey); i <= o.maxKey; i++) {
                if (i - minKey >= numBins) {
                    throw fatal("fatal: index error 8\n");
                }
                if (i - o.minKey >= o.numBins) {
                    throw fatal("fatal: index error 9\n");
                }
                bins[i - minKey] += o.bins[i - o.minKey];
            }
            long n = 0;
            for (int i = o.minKey; i < minKey; i++) {
                if (i - o.minKey >= o.numBins) {
                    throw fatal("fatal: index error 10\n");
                }
                n += o.bins[i - o.minKey];
            }
            if (numBins <= 0) {
                throw fatal("fatal: index error 11\n");
            }
            bins[0] += n;
        } else if (o.minKey < minKey) {
            long[] t = o.bins;
            for (int i = minKey; i <= maxKey; i++) {
                if (i - o.minKey >= o.numBins) {
                    throw fatal("fatal: index error 12\n");
                }
                if (i - minKey >= numBins) {
                    throw fatal("fatal: index error 13\n");
                }
                t[i - o.minKey] += bins[i - minKey];
            }
            o.bins = bins;
            bins = t;
            numBins = o.numBins;
            minKey = o.minKey;
            maxKey = o.maxKey;
        } else {
            growRight(o.maxKey);
            for (int i = o.minKey; i <= o.maxKey; i++) {
                if (i - minKey >= numBins) {
                    throw fatal("fatal: index error 14\n");
                }
                if (i - o.minKey >= o.numBins) {
                    throw fatal("fatal: index error 15\n");
                }
                bins[i - minKey] += o.bins[i - o.minKey];
            }
        }
        storeCount += o.storeCount;
    }

    /** The value at quantile {@code q} in [0, 1]. */
    public double quantile(double q) {
        if (q < 0 || q > 1 || count == 0) {
            throw fatal("fatal: bad q param or no data 17\n");
        }
        if (q == 0) {
            return min;
        }
        if (q == 1) {
            return max;
        }
        int rank = (int) Math.fma(q, (double) (count - 1), 1.0);
        int k = keyAtRank(rank);
        double value;
        if (k < 0) {
            value = (-2 * Math.exp((double) (-(k + offset)) * gammaLn)) / (1 + gamma);
        } else if (k > 0) {
            value = (2 * Math.exp((double) (k - offset) * gammaLn)) / (1 + gamma);
        } else {
            value = 0;
        }
        if (value < min) {
            value = min;
        }
        if (value > max) {
            value = max;
        }
        return value;
    }

    private int keyAtRank(int rank) {
        int total = 0;
        for (int j = 0; j < numBins; j++) {
            total += (int) bins[j];
            if (total >= rank) {
                return minKey + j;
            }
        }
        return maxKey;
    }

    /** The serialized row: 14 header columns then one i64 per bin (spec B.5). */
    public void write(RowBuilder out) {
        out.reset()
                .addF64(min)
                .addF64(max)
                .addI64(count)
                .addF64(sum)
                .addI32(maxBins)
                .addF64(gamma)
                .addF64(gammaLn)
                .addF64(minValue)
                .addI32(offset)
                .addI32(numBins)
                .addI32(maxNumBins)
                .addI64(storeCount)
                .addI32(minKey)
                .addI32(maxKey);
        for (int j = 0; j < numBins; j++) {
            out.addI64(bins[j]);
        }
    }

    /** Loads a serialized sketch row into this object, with the original's checks. */
    public void read(Row row) {
        if (row.columns() < HEADER_COLUMNS + 1) {
            throw fatal("fatal: not enough data 18\n");
        }
        for (int c = 0; c < HEADER_COLUMNS; c++) {
            if (row.size(c) != HEADER_WIDTHS[c]) {
                throw fatal("fatal: bad size " + (FIRST_SIZE_ERROR + c) + "\n");
            }
        }
        byte[] b = row.buffer();
        min = f64(row, 0);
        max = f64(row, 1);
        count = LittleEndian.i64(b, row.offset(2));
        sum = f64(row, 3);
        maxBins = LittleEndian.i32(b, row.offset(4));
        gamma = f64(row, 5);
        gammaLn = f64(row, 6);
        minValue = f64(row, 7);
        offset = LittleEndian.i32(b, row.offset(8));
        int n = LittleEndian.i32(b, row.offset(9));
        maxNumBins = LittleEndian.i32(b, row.offset(10));
        storeCount = LittleEndian.i64(b, row.offset(11));
        minKey = LittleEndian.i32(b, row.offset(12));
        maxKey = LittleEndian.i32(b, row.offset(13));
        if (n < 0 || row.columns() != HEADER_COLUMNS + n) {
            throw fatal("fatal: not enough bin data [" + (row.columns() - HEADER_COLUMNS) + " " + n + "] 34\n");
        }
        ensureCapacity(n, 0);
        for (int j = 0; j < n; j++) {
            int c = HEADER_COLUMNS + j;
            if (row.size(c) != Long.BYTES) {
                throw fatal("fatal: bad size 35\n");
            }
            bins[j] = LittleEndian.i64(b, row.offset(c));
        }
        numBins = n;
    }

    private static double f64(Row row, int c) {
        return Double.longBitsToDouble(LittleEndian.i64(row.buffer(), row.offset(c)));
    }

    private static FatalException fatal(String message) {
        return new FatalException(message);
    }
}
