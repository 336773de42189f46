package com.s4bsv.s4.config;

/** A cluster config that cannot be used; the message is one line naming the file and the line. */
public final class ConfigException extends RuntimeException {

    ConfigException(String message) {
        super(message);
    }

    ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
