package com.s4bsv.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway CA and one node certificate signed by it (for 127.0.0.1 and localhost), made with {@code openssl} at
 * test time, PEM: what {@code bin/s4-cluster --tls} makes too. Tests skip, saying so, where openssl is missing.
 *
 * @param ca   the CA certificate: AWS_CA_BUNDLE of the clients, {@code --tls-ca} of the nodes
 * @param cert the node certificate
 * @param key  its private key (PKCS#8)
 */
public record TestCerts(Path ca, Path cert, Path key) {

    /** Whether {@code openssl} runs here. */
    public static boolean opensslAvailable() {
        try {
            return run(Path.of("."), List.of("openssl", "version")).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Makes the CA and the node certificate under {@code dir}. */
    public static TestCerts make(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path ca = dir.resolve("ca.pem");
        Path caKey = dir.resolve("ca.key");
        Path cert = dir.resolve("node.pem");
        Path key = dir.resolve("node.key");
        Path csr = dir.resolve("node.csr");
        Path ext = dir.resolve("node.ext");
        Files.writeString(ext, """
                subjectAltName=IP:127.0.0.1,DNS:localhost
                basicConstraints=critical,CA:FALSE
                keyUsage=critical,digitalSignature,keyEncipherment
                extendedKeyUsage=serverAuth
                subjectKeyIdentifier=hash
                authorityKeyIdentifier=keyid,issuer
                """, StandardCharsets.UTF_8);
        List<List<String>> steps = List.of(
                List.of(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "ec",
                        "-pkeyopt",
                        "ec_paramgen_curve:prime256v1",
                        "-nodes",
                        "-keyout",
                        caKey.toString(),
                        "-out",
                        ca.toString(),
                        "-days",
                        "2",
                        "-subj",
                        "/CN=s4 test CA",
                        "-addext",
                        "basicConstraints=critical,CA:TRUE",
                        "-addext",
                        "keyUsage=critical,keyCertSign,cRLSign"),
                List.of(
                        "openssl",
                        "req",
                        "-newkey",
                        "ec",
                        "-pkeyopt",
                        "ec_paramgen_curve:prime256v1",
                        "-nodes",
                        "-keyout",
                        key.toString(),
                        "-out",
                        csr.toString(),
                        "-subj",
                        "/CN=127.0.0.1"),
                List.of(
                        "openssl",
                        "x509",
                        "-req",
                        "-in",
                        csr.toString(),
                        "-CA",
                        ca.toString(),
                        "-CAkey",
                        caKey.toString(),
                        "-CAcreateserial",
                        "-out",
                        cert.toString(),
                        "-days",
                        "2",
                        "-extfile",
                        ext.toString()));
        for (List<String> step : steps) {
            String failure = run(dir, step);
            if (!failure.isEmpty()) {
                throw new IOException(String.join(" ", step) + " failed: " + failure);
            }
        }
        return new TestCerts(ca, cert, key);
    }

    /** A TLS context that trusts only the CA: what a client pointed at the CA file does. */
    public SSLContext trust() {
        try (InputStream in = Files.newInputStream(ca)) {
            List<Certificate> certificates =
                    new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca" + i, certificates.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test CA " + ca, e);
        }
    }

    /** Runs a command; returns "" on success, else its exit code and output. */
    private static String run(Path dir, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(TestTimeouts.atLeastSeconds(60), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "timed out";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException(e);
        }
        return process.exitValue() == 0
                ? ""
                : "exit " + process.exitValue() + ": " + new String(output, StandardCharsets.UTF_8).strip();
    }
}
