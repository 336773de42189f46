package com.s4bsv.s4.wire;

/** Names on the wire between s4 clients and nodes: headers, compute paths, query names. */
public final class Wire {

    /** The stored checksum of an object, on PUT (verified) and GET/HEAD (returned), as S3 clients know it. */
    public static final String CHECKSUM_CRC32C = "x-amz-checksum-crc32c";
    /** Tells clients which checksum algorithm an object's checksum header uses. */
    public static final String CHECKSUM_ALGORITHM = "x-amz-checksum-algorithm";
    /** Set on requests one node forwards to the owner, so the owner never forwards again. */
    public static final String FORWARDED = "x-s4-forwarded";
    /** On a forwarded request: the Host the client sent (and signed) to the node that forwarded it. */
    public static final String FORWARDED_HOST = "x-s4-forwarded-host";
    /** Set on a listing request meant for one node only (no fan-out). */
    public static final String LOCAL_ONLY = "x-s4-local";

    public static final String REQUEST_ID = "x-amz-request-id";

    /** Internal paths; {@code _s4} can never be a bucket because '_' buckets are reserved. */
    public static final String INTERNAL_PREFIX = "/_s4/";

    public static final String EVAL_PATH = "/_s4/eval";
    public static final String MAP_PATH = "/_s4/map";
    public static final String MAP_TO_N_PATH = "/_s4/map-to-n";
    public static final String MAP_FROM_N_PATH = "/_s4/map-from-n";

    private Wire() {}
}
