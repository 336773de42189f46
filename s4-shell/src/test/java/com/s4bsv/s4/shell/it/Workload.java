package com.s4bsv.s4.shell.it;

import java.util.SplittableRandom;

/**
 * The mix every load client follows, Java or boto3 ({@code load/boto3_load.py} repeats it): which operation next,
 * how big an object is, and what it is called.
 *
 * <p>Sizes run from 1 KiB to 16 MiB, log-uniform within four bands skewed to small objects (60% up to 16 KiB, 25%
 * up to 256 KiB, 12% up to 4 MiB, 3% up to 16 MiB; about 450 KiB on average), and each client keeps at most
 * {@link #MAX_LIVE_BYTES} live, so disk and memory stay bounded however long the run.
 *
 * <p>Keys of all clients share eight directories (so deletes pruning a directory race with puts into it), and
 * half of the basenames have a numeric prefix ({@code 000123_j07}: node 123 mod N) while the other half are hashed
 * ({@code j07-000123}), so every node owns some of every client's keys.
 */
final class Workload {

    static final long MIN_SIZE = 1024;
    static final long MAX_SIZE = 16L << 20;
    static final long MAX_LIVE_BYTES = 32L << 20;
    static final int TOP_DIRS = 4;
    static final int SUB_DIRS = 2;

    private Workload() {}

    static Op next(SplittableRandom random, int liveKeys, long liveBytes) {
        if (liveKeys == 0) {
            return Op.PUT;
        }
        double u = random.nextDouble();
        if (u < 0.35) {
            return liveBytes >= MAX_LIVE_BYTES ? Op.DELETE : Op.PUT;
        }
        if (u < 0.70) {
            return Op.GET;
        }
        return u < 0.80 ? Op.LIST : Op.DELETE;
    }

    static long size(SplittableRandom random) {
        double u = random.nextDouble();
        if (u < 0.60) {
            return logUniform(random, MIN_SIZE, 16 << 10);
        }
        if (u < 0.85) {
            return logUniform(random, 16 << 10, 256 << 10);
        }
        return u < 0.97 ? logUniform(random, 256 << 10, 4 << 20) : logUniform(random, 4 << 20, MAX_SIZE);
    }

    private static long logUniform(SplittableRandom random, long low, long high) {
        double value = Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
        return Math.clamp(Math.round(value), low, high);
    }

    /**
     * The first object of clients 0 and 1 are the largest and the smallest size, so every run covers both ends.
     */
    static long firstSize(int clientIndex, SplittableRandom random) {
        return switch (clientIndex) {
            case 0 -> MAX_SIZE;
            case 1 -> MIN_SIZE;
            default -> size(random);
        };
    }

    static String path(String client, long seq, SplittableRandom random) {
        String dir = dir(random.nextInt(TOP_DIRS)) + random.nextInt(SUB_DIRS) + "/";
        return dir + (random.nextBoolean() ? "%06d_%s".formatted(seq, client) : "%s-%06d".formatted(client, seq));
    }

    static String dir(int top) {
        return "d" + top + "/";
    }

    static boolean belongsTo(String path, String client) {
        String basename = path.substring(path.lastIndexOf('/') + 1);
        return basename.endsWith("_" + client) || basename.startsWith(client + "-");
    }
}
