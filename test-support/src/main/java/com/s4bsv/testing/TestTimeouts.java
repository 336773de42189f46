package com.s4bsv.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How long a test waits for something the machine may be slow to do: one setting, {@value #SETTING} (environment
 * variable, or the system property {@value #PROPERTY}), default {@link #DEFAULT}. A test must never fail because the
 * machine is busy: a node that is ready in one second when the machine is quiet took a minute at load 30.
 *
 * <p>{@link #start()} bounds the start of a node or cluster; {@link #atLeast} every other wait that only guards
 * against a hang (a process that should exit, an answer that should come), so that raising the one setting
 * raises them all. Values: seconds ({@code 600}), or a duration ({@code 90s}, {@code 10m}, {@code PT10M}).
 */
public final class TestTimeouts {

    public static final String SETTING = "S4_TEST_START_TIMEOUT";
    public static final String PROPERTY = "s4.test.start-timeout";
    public static final Duration DEFAULT = Duration.ofMinutes(5);

    private static final int LOG_LINES = 40;

    private TestTimeouts() {}

    /** The start timeout of this run: {@value #PROPERTY}, else {@value #SETTING}, else {@link #DEFAULT}. */
    public static Duration start() {
        return from(System.getProperty(PROPERTY), System.getenv());
    }

    /** The longer of {@code normal} and {@link #start()}: for a wait that guards against a hang. */
    public static Duration atLeast(Duration normal) {
        Duration start = start();
        return normal.compareTo(start) > 0 ? normal : start;
    }

    /** {@link #atLeast} in whole seconds, for {@code process.waitFor(n, TimeUnit.SECONDS)}. */
    public static long atLeastSeconds(long normalSeconds) {
        return atLeast(Duration.ofSeconds(normalSeconds)).toSeconds();
    }

    /** How the start timeout was set, for a failure message. */
    public static String describe() {
        return start().toSeconds() + "s (" + SETTING + " raises it)";
    }

    /** The last lines of a log, or why there are none: for the message of a wait that ran out. */
    public static String logTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size());
            return "last " + tail.size() + " lines of " + log + ":\n" + String.join("\n", tail);
        } catch (IOException e) {
            return "no log at " + log + " (" + e.getMessage() + ")";
        }
    }

    static Duration from(@Nullable String property, Map<String, String> env) {
        String value = property != null && !property.isBlank() ? property : env.get(SETTING);
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        Duration parsed = parse(value.strip());
        if (parsed.isNegative() || parsed.isZero()) {
            throw new IllegalArgumentException(SETTING + " must be positive, got '" + value + "'");
        }
        return parsed;
    }

    private static Duration parse(String value) {
        Map<String, Function<Long, Duration>> units =
                Map.of("s", Duration::ofSeconds, "m", Duration::ofMinutes, "h", Duration::ofHours);
        try {
            if (value.chars().allMatch(Character::isDigit)) {
                return Duration.ofSeconds(Long.parseLong(value));
            }
            String unit = value.substring(value.length() - 1).toLowerCase(Locale.ROOT);
            String number = value.substring(0, value.length() - 1);
            if (units.containsKey(unit) && !number.isEmpty() && number.chars().allMatch(Character::isDigit)) {
                return units.get(unit).apply(Long.parseLong(number));
            }
            return Duration.parse(value);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(
                    SETTING + " must be seconds or a duration such as 90s, 10m or PT10M, got '" + value + "'", e);
        }
    }
}
