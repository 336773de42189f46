package com.s4bsv.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what one fuzz target ran and prints it as one {@code RELIABILITY fuzz:} line, so the figures of a run
 * come from its own output. Jazzer fuzzes only when {@code JAZZER_FUZZ} is set; otherwise the target runs just
 * its committed seeds (regression mode).
 *
 * <p>A hang is caught here, not with JUnit's {@code @Timeout}: on a {@code @FuzzTest} that limits the whole fuzzing
 * run, not one input. A watchdog thread saves an input that runs longer than {@link #HANG_SECONDS} under
 * {@code target/} and halts the JVM, which fails the build.
 */
public final class FuzzMeter {

    private final String target;
    private final AtomicLong execs = new AtomicLong();
    private final AtomicLong crashes = new AtomicLong();
    private final long started = System.nanoTime();
    private volatile long inputStarted;
    private volatile byte[] input = new byte[0];

    /** Seconds one input may take before it counts as a hang. */
    public static final int HANG_SECONDS = 20;

    public FuzzMeter(String target) {
        this.target = target;
        Thread watchdog = new Thread(this::watch, "fuzz-watchdog-" + target);
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Runs {@code work} on {@code data}, watched for hangs. */
    public void run(byte[] data, ThrowingRunnable work) throws Exception {
        input = data;
        inputStarted = System.nanoTime();
        try {
            run(work);
        } finally {
            inputStarted = 0;
        }
    }

    private void watch() {
        while (true) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long since = inputStarted;
            if (since != 0 && System.nanoTime() - since > HANG_SECONDS * 1_000_000_000L) {
                Path saved = Path.of("target", "hang-" + target.replaceAll("[^A-Za-z0-9-]", "_") + ".bin");
                try {
                    Files.write(saved, input);
                } catch (IOException ignored) {
                    // the halt below still fails the run
                }
                System.out.println("RELIABILITY fuzz: target=" + target + " HANG: one input ran over " + HANG_SECONDS
                        + " s; saved to " + saved.toAbsolutePath());
                System.out.flush();
                Runtime.getRuntime().halt(3);
            }
        }
    }

    /** Runs one input; a throwable escaping it is a finding, counted before it reaches Jazzer. */
    public void run(ThrowingRunnable input) throws Exception {
        execs.incrementAndGet();
        try {
            input.run();
        } catch (Exception | Error e) {
            crashes.incrementAndGet();
            throw e;
        }
    }

    public long execs() {
        return execs.get();
    }

    public void print() {
        String mode = System.getenv("JAZZER_FUZZ") == null
                        || System.getenv("JAZZER_FUZZ").isEmpty()
                ? "regression"
                : "fuzz";
        System.out.printf(
                Locale.ROOT,
                "RELIABILITY fuzz: target=%s mode=%s execs=%d seconds=%.1f crashes=%d%n",
                target,
                mode,
                execs.get(),
                (System.nanoTime() - started) / 1e9,
                crashes.get());
    }

    /** One fuzz input's work. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
