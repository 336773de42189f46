package com.s4bsv.s4.key;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.s4bsv.testing.FuzzMeter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;

/**
 * {@link S4Key#parse} and {@link S4Prefix#parse} on fuzzed text. Each accepts exactly what an independent
 * statement of the rules of DESIGN.md accepts ({@link #keyAllowed}, {@link #prefixAllowed}), rejects only with an
 * {@link InvalidKeyException} whose message is one line, and what it accepts round-trips through
 * {@code toString} and stays inside its bucket's directory when resolved under a data root.
 *
 * <p>Byte 0 picks key or prefix and how the rest becomes text: UTF-8, Latin-1 (every control byte), or raw UTF-16
 * (unpaired surrogates); {@code s4://} is put in front unless bit 3 of byte 0 is set.
 */
class KeyParserFuzzTest {

    private static final FuzzMeter METER = new FuzzMeter("S4Key+S4Prefix");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?");
    private static final Path ROOT = Path.of("/data-root");

    @FuzzTest(maxDuration = "10s")
    void parsesKeysAndPrefixesByTheRules(byte[] data) throws Exception {
        METER.run(data, () -> {
            if (data.length < 1) {
                return;
            }
            int mode = data[0] & 0xFF;
            byte[] rest = Arrays.copyOfRange(data, 1, data.length);
            String body = switch (mode % 3) {
                case 0 -> new String(rest, StandardCharsets.UTF_8);
                case 1 -> new String(rest, StandardCharsets.ISO_8859_1);
                default -> new String(rest, StandardCharsets.UTF_16LE);
            };
            String text = (mode & 8) != 0 ? body : KeyRules.SCHEME + body;
            if ((mode & 4) == 0) {
                checkKey(text);
            } else {
                checkPrefix(text);
            }
        });
    }

    private static void checkKey(String text) {
        S4Key key;
        try {
            key = S4Key.parse(text);
        } catch (InvalidKeyException e) {
            check(!keyAllowed(text), "rejected a key the rules allow", text, e.getMessage());
            checkMessage(e);
            return;
        }
        check(keyAllowed(text), "accepted a key the rules forbid", text, key);
        check(key.toString().equals(text), "toString is not the parsed text", text, key);
        check(S4Key.parse(key.toString()).equals(key), "parse(toString) differs", text, key);
        check(new S4Key(key.bucket(), key.path()).equals(key), "constructor differs", text, key);
        Path bucketDir = ROOT.resolve(key.bucket());
        Path file = bucketDir.resolve(key.path()).normalize();
        check(file.startsWith(bucketDir) && !file.equals(bucketDir), "resolves outside its bucket", text, file);
    }

    private static void checkPrefix(String text) {
        S4Prefix prefix;
        try {
            prefix = S4Prefix.parse(text);
        } catch (InvalidKeyException e) {
            check(!prefixAllowed(text), "rejected a prefix the rules allow", text, e.getMessage());
            checkMessage(e);
            return;
        }
        check(prefixAllowed(text), "accepted a prefix the rules forbid", text, prefix);
        check(S4Prefix.parse(prefix.toString()).equals(prefix), "parse(toString) differs", text, prefix);
        if (!prefix.isAllBuckets()) {
            Path bucketDir = ROOT.resolve(prefix.bucket());
            check(
                    bucketDir.resolve(prefix.prefix()).normalize().startsWith(bucketDir),
                    "resolves outside its bucket",
                    text,
                    prefix);
        }
    }

    /** DESIGN.md's key rules (plus 255 bytes per segment, Linux NAME_MAX), written apart from {@link KeyRules}. */
    static boolean keyAllowed(String text) {
        if (!text.startsWith("s4://")) {
            return false;
        }
        String rest = text.substring(5);
        int slash = rest.indexOf('/');
        return slash >= 0 && bucketAllowed(rest.substring(0, slash)) && pathAllowed(rest.substring(slash + 1), false);
    }

    static boolean prefixAllowed(String text) {
        if (!text.startsWith("s4://")) {
            return false;
        }
        String rest = text.substring(5);
        if (rest.isEmpty()) {
            return true;
        }
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return bucketAllowed(rest);
        }
        return bucketAllowed(rest.substring(0, slash)) && pathAllowed(rest.substring(slash + 1), true);
    }

    private static boolean bucketAllowed(String bucket) {
        return BUCKET.matcher(bucket).matches() && !bucket.contains("..");
    }

    private static boolean pathAllowed(String path, boolean prefix) {
        if (path.getBytes(StandardCharsets.UTF_8).length > KeyRules.MAX_KEY_BYTES) {
            return false;
        }
        if (!path.codePoints().allMatch(c -> c >= 0x20 && c != 0x7F && !isLoneSurrogate(c))) {
            return false;
        }
        if (path.isEmpty()) {
            return prefix;
        }
        String body = prefix && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (String segment : body.split("/", -1)) {
            String decoded = percentDecodedOnce(segment);
            if (segment.isEmpty()
                    || segment.getBytes(StandardCharsets.UTF_8).length > 255
                    || decoded.equals(".")
                    || decoded.equals("..")
                    || decoded.contains("/")
                    || count(decoded, '\\') > count(segment, '\\')) {
                return false;
            }
        }
        return true;
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }

    private static boolean isLoneSurrogate(int codePoint) {
        return codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
    }

    /** Decodes only the escapes a server might decode a second time: {@code %2e %2f %5c}, any case. */
    private static String percentDecodedOnce(String segment) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < segment.length(); i++) {
            if (segment.charAt(i) == '%' && i + 2 < segment.length()) {
                String hex = segment.substring(i + 1, i + 3).toLowerCase(Locale.ROOT);
                char decoded = switch (hex) {
                    case "2e" -> '.';
                    case "2f" -> '/';
                    case "5c" -> '\\';
                    default -> 0;
                };
                if (decoded != 0) {
                    out.append(decoded);
                    i += 2;
                    continue;
                }
            }
            out.append(segment.charAt(i));
        }
        return out.toString();
    }

    private static void checkMessage(InvalidKeyException e) {
        String message = e.getMessage();
        check(
                message != null
                        && message.startsWith("invalid key '")
                        && message.indexOf('\n') < 0
                        && message.indexOf('\r') < 0,
                "message is not one 'invalid key' line",
                String.valueOf(message),
                "");
    }

    private static void check(boolean ok, String what, String text, Object detail) {
        if (!ok) {
            throw new AssertionError(what + ": " + KeyText.printable(text) + " -> " + detail);
        }
    }

    @AfterAll
    static void report() {
        METER.print();
    }
}
