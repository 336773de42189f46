package com.s4bsv.bsv.tool;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The one registry of bsv tools. A tool named {@code bsumeach-hash} is the class
 * {@code BsumeachHash} in this package with a no-argument constructor; classes are loaded only
 * when their tool runs, which keeps start-up small.
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

    private Tools() {
    }

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

    /** The tool of that name, or null when there is none (or it is not built). */
    public static @Nullable Tool get(String name) {
        if (!NAMES.contains(name)) {
            return null;
        }
        try {
            Class<?> type = Class.forName(Tools.class.getPackageName() + "." + className(name));
            return (Tool) type.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            return null;
        } catch (InstantiationException | IllegalAccessException | NoSuchMethodException e) {
            throw new IllegalStateException("tool class of " + name + " is not instantiable", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("tool " + name + " failed to start", e.getCause());
        }
    }
}
