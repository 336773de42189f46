package com.s4bsv.s4.shell.client;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A client timeout from the environment: seconds ({@code 30}, {@code 2.5}) or a duration ({@code 90s}, {@code 2m}). */
final class Timeouts {

    private Timeouts() {}

    static Duration from(Map<String, String> env, String name, Duration otherwise) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        Duration parsed = parse(value.strip());
        if (parsed == null || parsed.isNegative() || parsed.isZero()) {
            throw new S4ClientException(
                    name + " must be a positive number of seconds or a duration like 90s or 2m, got '" + value + "'");
        }
        return parsed;
    }

    private static @Nullable Duration parse(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("pt")) {
                return Duration.parse(lower);
            }
            if (lower.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2)));
            }
            if (lower.endsWith("m")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(lower.substring(0, lower.length() - 1)) * 60));
            }
            String seconds = lower.endsWith("s") ? lower.substring(0, lower.length() - 1) : lower;
            return Duration.ofMillis(Math.round(Double.parseDouble(seconds) * 1000));
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }
}
