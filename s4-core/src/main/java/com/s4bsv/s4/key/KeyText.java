package com.s4bsv.s4.key;

/** Quoting of user-supplied keys for one-line messages: control characters are shown escaped. */
final class KeyText {

    private static final int SHOWN_CHARS = 120;

    private KeyText() {}

    static String printable(String key) {
        var out = new StringBuilder(Math.min(key.length(), SHOWN_CHARS) + 8).append('\'');
        int shown = Math.min(key.length(), SHOWN_CHARS);
        for (int i = 0; i < shown; i++) {
            char c = key.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\'' -> out.append("\\'");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('\'');
        if (shown < key.length()) {
            out.append("... (").append(key.length()).append(" chars)");
        }
        return out.toString();
    }
}
