package com.s4bsv.bsv.tool;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The one registry of bsv tools. A tool named {@code bsumeach-hash} is the class
 * {@code BsumeachHash} in this package; {@link #NAMES} and {@link #get} list the same tools.
 */
public final class Tools {

    /** Every tool the distribution ships, by its original name; keep one per line. */
    public static final List<String> NAMES = List.of(
            "bcat",
            "bcombine",
            "bcounteach",
            "bcounteach-hash",
            "bcountrows",
            "bcut",
            "bdedupe",
            "bdedupe-hash",
            "bdropuntil",
            "bhead",
            "blz4",
            "blz4d",
            "bmerge",
            "bpartition",
            "bquantile-merge",
            "bquantile-sketch",
            "bschema",
            "bsort",
            "bsplit",
            "bsum",
            "bsumeach",
            "bsumeach-hash",
            "bsv",
            "btail",
            "btake",
            "btakeuntil",
            "btopn",
            "bunzip",
            "bzip",
            "csv",
            "xxh3");

    private Tools() {}

    /** The class name of a tool: {@code bsumeach-hash} becomes {@code BsumeachHash}. */
    public static String className(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("-")) {
            if (!part.isEmpty()) {
                sb.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return sb.toString();
    }

    /**
     * The tool of that name, or null when there is none. Only the class of the case taken is loaded,
     * which keeps start-up small.
     */
    public static @Nullable Tool get(String name) {
        return switch (name) {
            case "bcat" -> new Bcat();
            case "bcombine" -> new Bcombine();
            case "bcounteach" -> new Bcounteach();
            case "bcounteach-hash" -> new BcounteachHash();
            case "bcountrows" -> new Bcountrows();
            case "bcut" -> new Bcut();
            case "bdedupe" -> new Bdedupe();
            case "bdedupe-hash" -> new BdedupeHash();
            case "bdropuntil" -> new Bdropuntil();
            case "bhead" -> new Bhead();
            case "blz4" -> new Blz4();
            case "blz4d" -> new Blz4d();
            case "bmerge" -> new Bmerge();
            case "bpartition" -> new Bpartition();
            case "bquantile-merge" -> new BquantileMerge();
            case "bquantile-sketch" -> new BquantileSketch();
            case "bschema" -> new Bschema();
            case "bsort" -> new Bsort();
            case "bsplit" -> new Bsplit();
            case "bsum" -> new Bsum();
            case "bsumeach" -> new Bsumeach();
            case "bsumeach-hash" -> new BsumeachHash();
            case "bsv" -> new Bsv();
            case "btail" -> new Btail();
            case "btake" -> new Btake();
            case "btakeuntil" -> new Btakeuntil();
            case "btopn" -> new Btopn();
            case "bunzip" -> new Bunzip();
            case "bzip" -> new Bzip();
            case "csv" -> new Csv();
            case "xxh3" -> new Xxh3();
            default -> null;
        };
    }
}
