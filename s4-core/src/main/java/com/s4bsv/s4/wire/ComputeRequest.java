package com.s4bsv.s4.wire;

/** The JSON body of a compute call (docs/compute-api.md): eval takes key and cmd, the map family indir, outdir, cmd. */
public final class ComputeRequest {

    public static final String KEY = "key";
    public static final String CMD = "cmd";
    public static final String INDIR = "indir";
    public static final String OUTDIR = "outdir";

    public static final String JSON = "application/json";
    /** The content type of a map-family answer: one {@link JobEvent} per line. */
    public static final String NDJSON = "application/x-ndjson";

    private ComputeRequest() {}
}
