package com.s4bsv.s4.wire;

/** The ndjson lines of a map-family answer (docs/compute-api.md): a {@link #TYPE} and the fields of that type. */
public final class JobEvent {

    public static final String TYPE = "type";
    public static final String PROGRESS = "progress";
    public static final String DONE = "done";
    public static final String ERROR = "error";

    /** On every type: the node the line is about, or {@link #ALL_NODES} on the final done of a whole job. */
    public static final String NODE = "node";

    public static final String ALL_NODES = "*";

    public static final String KEYS_DONE = "keysDone";
    public static final String KEYS_TOTAL = "keysTotal";
    public static final String BYTES_IN = "bytesIn";
    public static final String BYTES_OUT = "bytesOut";

    public static final String KEYS = "keys";
    public static final String OUTPUTS = "outputs";
    /** On done: input keys whose command ran in-process (a pipeline of bsv tools inside the node, no bash). */
    public static final String KEYS_IN_PROCESS = "keysInProcess";

    public static final String KEY = "key";
    /** The command's exit status; -1 for a timeout or a failure that is not the command's. */
    public static final String EXIT_CODE = "exitCode";

    public static final String STDERR = "stderr";
    public static final String MESSAGE = "message";
    public static final String SUCCEEDED = "succeeded";

    private JobEvent() {}
}
