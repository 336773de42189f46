package com.s4bsv.s4.shell.client;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the few S3 XML documents the client needs (errors, ListObjectsV2, ListBuckets) by element name.
 *
 * <p>A scanner instead of a StAX parser: the documents are flat and known, and loading the JDK's XML stack costs
 * a noticeable share of a one-shot command's start-up.
 */
final class S3Xml {

    private S3Xml() {}

    /** Text of the first {@code <name>} element inside {@code xml}, unescaped, or null when absent. */
    static @Nullable String first(String xml, String name) {
        List<String> all = all(xml, name, 1);
        return all.isEmpty() ? null : all.getFirst();
    }

    /** Texts of every {@code <name>} element (not nested in another of the same name), unescaped. */
    static List<String> all(String xml, String name) {
        return all(xml, name, Integer.MAX_VALUE);
    }

    private static List<String> all(String xml, String name, int limit) {
        List<String> out = new ArrayList<>();
        String open = "<" + name;
        String close = "</" + name + ">";
        int from = 0;
        while (out.size() < limit) {
            int start = xml.indexOf(open, from);
            if (start < 0) {
                break;
            }
            int afterName = start + open.length();
            if (afterName >= xml.length()) {
                break;
            }
            char next = xml.charAt(afterName);
            if (next != '>' && next != ' ' && next != '/') {
                from = afterName;
                continue;
            }
            int tagEnd = xml.indexOf('>', afterName);
            if (tagEnd < 0) {
                break;
            }
            if (xml.charAt(tagEnd - 1) == '/') {
                out.add("");
                from = tagEnd + 1;
                continue;
            }
            int end = xml.indexOf(close, tagEnd + 1);
            if (end < 0) {
                break;
            }
            out.add(unescape(xml.substring(tagEnd + 1, end)));
            from = end + close.length();
        }
        return out;
    }

    /** Raw inner XML of every {@code <name>} block (for nested records such as Contents); not unescaped. */
    static List<String> blocks(String xml, String name) {
        List<String> out = new ArrayList<>();
        String open = "<" + name + ">";
        String close = "</" + name + ">";
        int from = 0;
        while (true) {
            int start = xml.indexOf(open, from);
            if (start < 0) {
                return out;
            }
            int end = xml.indexOf(close, start + open.length());
            if (end < 0) {
                return out;
            }
            out.add(xml.substring(start + open.length(), end));
            from = end + close.length();
        }
    }

    static String unescape(String text) {
        if (text.startsWith("<![CDATA[") && text.endsWith("]]>")) {
            return text.substring(9, text.length() - 3);
        }
        int amp = text.indexOf('&');
        if (amp < 0) {
            return text;
        }
        var out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int semi = c == '&' ? text.indexOf(';', i) : -1;
            if (semi < 0) {
                out.append(c);
                i++;
                continue;
            }
            String entity = text.substring(i + 1, semi);
            switch (entity) {
                case "amp" -> out.append('&');
                case "lt" -> out.append('<');
                case "gt" -> out.append('>');
                case "quot" -> out.append('"');
                case "apos" -> out.append('\'');
                default -> {
                    if (entity.startsWith("#x") || entity.startsWith("#X")) {
                        out.appendCodePoint(Integer.parseInt(entity.substring(2), 16));
                    } else if (entity.startsWith("#")) {
                        out.appendCodePoint(Integer.parseInt(entity.substring(1)));
                    } else {
                        out.append(text, i, semi + 1);
                    }
                }
            }
            i = semi + 1;
        }
        return out.toString();
    }
}
