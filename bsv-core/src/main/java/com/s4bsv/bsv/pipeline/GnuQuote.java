package com.s4bsv.bsv.pipeline;

import java.nio.charset.StandardCharsets;

/** How GNU coreutils quote a file name in an error message (the shell-escape style of {@code quotef}). */
final class GnuQuote {

    private static final String SPECIAL = " !\"$&'()*:;<=>?[\\^`|";
    private static final String SPECIAL_FIRST = "#~";
    private static final String SPECIAL_IN_DOUBLE_QUOTES = "\"$`\\!";

    private GnuQuote() {}

    static String quote(String name) {
        if (name.isEmpty()) {
            return "''";
        }
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        boolean needed = SPECIAL_FIRST.indexOf(name.charAt(0)) >= 0;
        boolean printable = true;
        for (byte b : bytes) {
            printable &= b >= 0x20 && b < 0x7f;
            needed |= SPECIAL.indexOf((char) b) >= 0;
        }
        if (!printable) {
            return escaped(bytes);
        }
        if (!needed) {
            return name;
        }
        if (name.indexOf('\'') < 0) {
            return "'" + name + "'";
        }
        boolean doubleQuotable = name.chars().noneMatch(c -> SPECIAL_IN_DOUBLE_QUOTES.indexOf(c) >= 0);
        return doubleQuotable ? "\"" + name + "\"" : "'" + name.replace("'", "'\\''") + "'";
    }

    /** {@code 'x'$'\t''y'}: printable runs in single quotes, other bytes as {@code $'...'} escapes. */
    private static String escaped(byte[] bytes) {
        StringBuilder out = new StringBuilder("'");
        boolean inEscape = false;
        for (byte b : bytes) {
            boolean printable = b >= 0x20 && b < 0x7f;
            if (printable == inEscape) {
                out.append(inEscape ? "''" : "'$'");
                inEscape = !inEscape;
            }
            if (printable) {
                out.append(b == '\'' ? "'\\''" : String.valueOf((char) b));
            } else {
                out.append(escape(b & 0xff));
            }
        }
        return out.append('\'').toString();
    }

    private static String escape(int b) {
        return switch (b) {
            case 7 -> "\\a";
            case 8 -> "\\b";
            case 9 -> "\\t";
            case 10 -> "\\n";
            case 11 -> "\\v";
            case 12 -> "\\f";
            case 13 -> "\\r";
            default -> String.format("\\%03o", b);
        };
    }
}
