package com.s4bsv.s4.server.tls;

/** A TLS setting that cannot work: the message is the one line the launcher prints. */
public final class TlsConfigException extends RuntimeException {

    TlsConfigException(String message) {
        super(message);
    }

    TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
