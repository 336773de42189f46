package com.s4bsv.s4.sigv4;

/** An access key id and its secret. */
public record Credentials(String accessKeyId, String secretAccessKey) {

    public Credentials {
        if (accessKeyId.isBlank() || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("an access key id and its secret must not be blank");
        }
    }

    @Override
    public String toString() {
        return "Credentials[" + accessKeyId + "]";
    }
}
