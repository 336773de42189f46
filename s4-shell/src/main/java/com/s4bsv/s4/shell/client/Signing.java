package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.sigv4.Credentials;
import com.s4bsv.s4.sigv4.RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Signs every request (AWS SigV4, unsigned payload: bodies stream and carry their CRC32C) with the credentials
 * aws cli and boto3 would use: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, else the AWS_PROFILE (or default)
 * profile of AWS_SHARED_CREDENTIALS_FILE (or ~/.aws/credentials). Without credentials requests go unsigned.
 */
final class Signing {

    private final Optional<RequestSigner> signer;

    private Signing(Optional<RequestSigner> signer) {
        this.signer = signer;
    }

    static Signing fromEnvironment() {
        return from(System::getenv, Path.of(System.getProperty("user.home")));
    }

    /** Signs with {@code credentials} for {@code region}, whatever the environment says. */
    static Signing with(Credentials credentials, String region) {
        return new Signing(Optional.of(new RequestSigner(credentials, region)));
    }

    static Signing from(Function<String, String> env, Path home) {
        String region = first(env.apply("AWS_REGION"), env.apply("AWS_DEFAULT_REGION"), "us-east-1");
        return new Signing(credentials(env, home).map(c -> new RequestSigner(c, region)));
    }

    /**
     * The SigV4 headers of a request that goes out over a raw {@link Connection}: none without credentials. The
     * signature covers the Host header ({@code uri}'s host and port), x-amz-date and x-amz-content-sha256.
     */
    Map<String, String> headers(String method, URI uri, String payload) {
        return signer.map(s -> s.sign(method, uri, Map.<String, String>of(), payload, Instant.now()))
                .orElse(Map.of());
    }

    static Optional<Credentials> credentials(Function<String, String> env, Path home) {
        String id = env.apply("AWS_ACCESS_KEY_ID");
        String secret = env.apply("AWS_SECRET_ACCESS_KEY");
        if (id != null && !id.isBlank() && secret != null && !secret.isBlank()) {
            return Optional.of(new Credentials(id.strip(), secret.strip()));
        }
        String file = env.apply("AWS_SHARED_CREDENTIALS_FILE");
        Path path = file != null && !file.isBlank()
                ? Path.of(file)
                : home.resolve(".aws").resolve("credentials");
        String profile = first(env.apply("AWS_PROFILE"), "default", "default");
        return fromProfile(path, profile);
    }

    private static Optional<Credentials> fromProfile(Path file, String profile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        boolean inProfile = false;
        String id = null;
        String secret = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("[") && line.endsWith("]")) {
                inProfile = line.substring(1, line.length() - 1).strip().equals(profile);
                continue;
            }
            int eq = line.indexOf('=');
            if (!inProfile || eq < 0 || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            String name = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (name.equals("aws_access_key_id")) {
                id = value;
            } else if (name.equals("aws_secret_access_key")) {
                secret = value;
            }
        }
        return id != null && secret != null && !id.isEmpty() && !secret.isEmpty()
                ? Optional.of(new Credentials(id, secret))
                : Optional.empty();
    }

    private static String first(String a, String b, String otherwise) {
        return a != null && !a.isBlank() ? a.strip() : b != null && !b.isBlank() ? b.strip() : otherwise;
    }
}
