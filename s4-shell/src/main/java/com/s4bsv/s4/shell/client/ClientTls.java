package com.s4bsv.s4.shell.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * What the client trusts on https nodes, from where aws cli and boto3 look: {@code AWS_CA_BUNDLE}, else the
 * {@code ca_bundle} of the profile ({@code AWS_PROFILE} or default) in {@code AWS_CONFIG_FILE} (or
 * {@code ~/.aws/config}), else the JDK's trust store. Read once per process, and only when a node is https.
 */
final class ClientTls {

    private static volatile @Nullable ClientTls shared;

    private final @Nullable Path caBundle;
    private final String source;
    private volatile @Nullable SSLContext context;

    private ClientTls(@Nullable Path caBundle, String source) {
        this.caBundle = caBundle;
        this.source = source;
    }

    /** The trust of this process's environment, built on first use. */
    static ClientTls shared() {
        ClientTls tls = shared;
        if (tls == null) {
            synchronized (ClientTls.class) {
                tls = shared;
                if (tls == null) {
                    tls = from(System::getenv, Path.of(System.getProperty("user.home")));
                    shared = tls;
                }
            }
        }
        return tls;
    }

    static ClientTls from(Function<String, String> env, Path home) {
        String bundle = env.apply("AWS_CA_BUNDLE");
        if (bundle != null && !bundle.isBlank()) {
            return new ClientTls(Path.of(bundle.strip()), "AWS_CA_BUNDLE");
        }
        String file = env.apply("AWS_CONFIG_FILE");
        Path config = file != null && !file.isBlank()
                ? Path.of(file)
                : home.resolve(".aws").resolve("config");
        String profile = env.apply("AWS_PROFILE");
        profile = profile == null || profile.isBlank() ? "default" : profile.strip();
        String fromProfile = caBundleOf(config, profile);
        return fromProfile == null
                ? new ClientTls(null, "the JDK trust store")
                : new ClientTls(Path.of(fromProfile), "ca_bundle of profile " + profile + " in " + config);
    }

    /** The CA bundle file in use, or null for the JDK's trust store. */
    @Nullable Path caBundle() {
        return caBundle;
    }

    SSLContext context() {
        SSLContext c = context;
        if (c == null) {
            synchronized (this) {
                c = context;
                if (c == null) {
                    c = build();
                    context = c;
                }
            }
        }
        return c;
    }

    private SSLContext build() {
        try {
            if (caBundle == null) {
                return SSLContext.getDefault();
            }
            Collection<? extends Certificate> certificates;
            try (InputStream in = Files.newInputStream(caBundle)) {
                certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certificates.isEmpty()) {
                throw new S4ClientException("CA bundle " + caBundle + " (" + source + ") holds no certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new S4ClientException(
                    "cannot read the CA bundle " + caBundle + " (" + source + "): " + Causes.describe(e), e);
        }
    }

    /** The {@code ca_bundle} line of a profile section of an aws config file, or null. */
    private static @Nullable String caBundleOf(Path config, String profile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        boolean inProfile = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("[") && line.endsWith("]")) {
                String section = line.substring(1, line.length() - 1).strip();
                inProfile = section.equals(profile)
                        || (section.startsWith("profile ")
                                && section.substring("profile ".length())
                                        .strip()
                                        .equals(profile));
                continue;
            }
            int eq = line.indexOf('=');
            if (inProfile && eq > 0 && line.substring(0, eq).strip().equals("ca_bundle")) {
                String value = line.substring(eq + 1).strip();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }
}
