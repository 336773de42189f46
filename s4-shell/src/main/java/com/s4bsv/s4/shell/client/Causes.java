package com.s4bsv.s4.shell.client;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

/** One-line descriptions of transport failures, whose JDK messages are often null or nested. */
final class Causes {

    private Causes() {}

    static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String known = switch (t) {
                case HttpConnectTimeoutException e -> "connect timed out";
                case HttpTimeoutException e -> "timed out waiting for an answer";
                case ConnectException e -> "connection refused";
                default -> null;
            };
            if (known != null) {
                return known;
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank()) {
                return message.lines().findFirst().orElse(message);
            }
        }
        return error.getClass().getSimpleName();
    }
}
