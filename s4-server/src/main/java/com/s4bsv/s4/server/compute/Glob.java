package com.s4bsv.s4.server.compute;

import org.jspecify.annotations.Nullable;

/**
 * An input directory with an optional glob in its last parts (spec 7.3): {@code s4://b/dir/*}{@code /*_1} is the
 * base {@code s4://b/dir/} and the pattern {@code *}{@code /*_1}, which must match a key's whole path relative to
 * the base. The rules of Go's path.Match: {@code *} is any run of characters but '/', {@code ?} one character but
 * '/', {@code [...]} a class ({@code ^} negates, {@code a-z} ranges), {@code \} escapes.
 *
 * @param base    the folder to list, ending in '/' unless the input was not a folder
 * @param pattern the glob, or null for every key under the base at any depth
 */
record Glob(String base, @Nullable String pattern) {

    /**
     * Splits at the first '/'-separated part holding a '*' or a '[' class; without one the whole input is the base.
     * ('?' alone stays literal, as in the original's splitting.)
     */
    static Glob split(String indir) {
        if (!isGlob(indir)) {
            return new Glob(indir, null);
        }
        String[] parts = indir.split("/", -1);
        var base = new StringBuilder();
        int i = 0;
        while (!isGlob(parts[i])) {
            base.append(parts[i]).append('/');
            i++;
        }
        var pattern = new StringBuilder();
        for (int j = i; j < parts.length; j++) {
            if (j > i) {
                pattern.append('/');
            }
            pattern.append(parts[j]);
        }
        String glob = pattern.toString();
        check(glob);
        return new Glob(base.toString(), glob);
    }

    private static boolean isGlob(String part) {
        return part.indexOf('*') >= 0 || part.indexOf('[') >= 0;
    }

    boolean matches(String relative) {
        return pattern == null || match(pattern, relative);
    }

    /** @throws IllegalArgumentException "syntax error in pattern" for a malformed class or a trailing '\' */
    static void check(String pattern) {
        match(pattern, "");
        // An empty name stops the scan early; walk every class and escape once more to find errors anywhere.
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '[') {
                i = classEnd(pattern, i + 1, 'x').end;
            } else if (c == '\\') {
                if (i + 1 >= pattern.length()) {
                    throw bad(pattern);
                }
                i += 2;
            } else {
                i++;
            }
        }
    }

    static boolean match(String pattern, String name) {
        return match(pattern, 0, name, 0);
    }

    private static boolean match(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            switch (c) {
                case '*' -> {
                    while (pi < p.length() && p.charAt(pi) == '*') {
                        pi++;
                    }
                    if (pi == p.length()) {
                        return s.indexOf('/', si) < 0;
                    }
                    for (int k = si; k <= s.length(); k++) {
                        if (match(p, pi, s, k)) {
                            return true;
                        }
                        if (k < s.length() && s.charAt(k) == '/') {
                            return false;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (si >= s.length() || s.charAt(si) == '/') {
                        return false;
                    }
                    pi++;
                    si += Character.charCount(s.codePointAt(si));
                }
                case '[' -> {
                    if (si >= s.length()) {
                        classEnd(p, pi + 1, 'x');
                        return false;
                    }
                    int cp = s.codePointAt(si);
                    ClassMatch m = classEnd(p, pi + 1, cp);
                    if (!m.matched || cp == '/') {
                        return false;
                    }
                    pi = m.end;
                    si += Character.charCount(cp);
                }
                case '\\' -> {
                    if (pi + 1 >= p.length()) {
                        throw bad(p);
                    }
                    if (si >= s.length() || s.charAt(si) != p.charAt(pi + 1)) {
                        return false;
                    }
                    pi += 2;
                    si++;
                }
                default -> {
                    if (si >= s.length() || s.charAt(si) != c) {
                        return false;
                    }
                    pi++;
                    si++;
                }
            }
        }
        return si == s.length();
    }

    private record ClassMatch(boolean matched, int end) {}

    /** Parses the class starting after '[' at {@code from}; whether {@code cp} is in it, and where it ends. */
    private static ClassMatch classEnd(String p, int from, int cp) {
        int i = from;
        boolean negated = false;
        if (i < p.length() && p.charAt(i) == '^') {
            negated = true;
            i++;
        }
        boolean matched = false;
        int ranges = 0;
        while (true) {
            if (i < p.length() && p.charAt(i) == ']' && ranges > 0) {
                i++;
                break;
            }
            int[] lo = classChar(p, i);
            i = lo[1];
            int hi = lo[0];
            if (i < p.length() && p.charAt(i) == '-') {
                int[] h = classChar(p, i + 1);
                hi = h[0];
                i = h[1];
            }
            if (lo[0] <= cp && cp <= hi) {
                matched = true;
            }
            ranges++;
        }
        return new ClassMatch(matched != negated, i);
    }

    /** One class character (possibly escaped): {code point, next index}; ']' and '-' must be escaped. */
    private static int[] classChar(String p, int i) {
        if (i >= p.length()) {
            throw bad(p);
        }
        char c = p.charAt(i);
        if (c == '-' || c == ']') {
            throw bad(p);
        }
        if (c == '\\') {
            i++;
            if (i >= p.length()) {
                throw bad(p);
            }
        }
        int cp = p.codePointAt(i);
        return new int[] {cp, i + Character.charCount(cp)};
    }

    private static IllegalArgumentException bad(String pattern) {
        return new IllegalArgumentException("syntax error in pattern: " + pattern);
    }
}
