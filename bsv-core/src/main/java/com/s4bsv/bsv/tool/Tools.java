package com.s4bsv.bsv.tool;

import java.util.List;

/** The one registry of bsv tool names; each tool's logic comes with the bsv issue. */
public final class Tools {

    /** Every tool the distribution ships, by its original name. */
    public static final List<String> NAMES = List.of(
            "bcat", "bcombine", "bcounteach", "bcounteach-hash", "bcountrows", "bcut", "bdedupe", "bdedupe-hash",
            "bdropuntil", "bhead", "blz4", "blz4d", "bmerge", "bpartition", "bquantile-merge", "bquantile-sketch",
            "bschema", "bsort", "bsplit", "bsum", "bsumeach", "bsumeach-hash", "bsv", "btail", "btake",
            "btakeuntil", "btopn", "bunzip", "bzip", "csv", "xxh3");

    private Tools() {
    }
}
