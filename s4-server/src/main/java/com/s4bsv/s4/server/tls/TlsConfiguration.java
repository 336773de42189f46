package com.s4bsv.s4.server.tls;

import java.security.NoSuchAlgorithmException;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Serves https when {@code s4.tls.cert} is set, and gives node-to-node calls the configured trust. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TlsProperties.class)
class TlsConfiguration {

    /** The SSL bundle of the node's certificate and key. */
    static final String SERVER_BUNDLE = "s4-server";

    @Bean
    SslBundleRegistrar s4TlsBundles(TlsProperties tls) {
        return registry -> {
            if (!tls.enabled() && !tls.key().isEmpty()) {
                throw new TlsConfigException("s4.tls.key (--tls-key) is set but s4.tls.cert (--tls-cert) is not");
            }
            if (tls.enabled()) {
                registry.registerBundle(SERVER_BUNDLE, serverBundle(tls));
            }
        };
    }

    /** Runs after Boot's own customizer (order 0), so {@code server.ssl.*} settings cannot undo it. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableWebServerFactory> s4TlsServer(TlsProperties tls, SslBundles bundles) {
        return new ServeTls(tls, bundles);
    }

    @Bean
    PeerTrust peerTrust(TlsProperties tls) {
        return () -> tls.ca().isEmpty() ? defaultContext() : caBundle(tls).createSslContext();
    }

    static SslBundle serverBundle(TlsProperties tls) {
        if (tls.key().isEmpty()) {
            throw new TlsConfigException("s4.tls.cert (--tls-cert) is set but s4.tls.key (--tls-key) is not");
        }
        var keyStore = PemSslStoreDetails.forCertificates(TlsProperties.location(tls.cert()))
                .withPrivateKey(TlsProperties.location(tls.key()));
        return load(
                "--tls-cert " + tls.cert() + " / --tls-key " + tls.key(),
                () -> SslBundle.of(new PemSslStoreBundle(keyStore, null)));
    }

    static SslBundle caBundle(TlsProperties tls) {
        return load(
                "--tls-ca " + tls.ca(),
                () -> SslBundle.of(new PemSslStoreBundle(
                        null, PemSslStoreDetails.forCertificates(TlsProperties.location(tls.ca())))));
    }

    /** Loads now, so a wrong file stops the start with one line naming it rather than at the first handshake. */
    private static SslBundle load(String what, Supplier<SslBundle> bundle) {
        try {
            SslBundle loaded = bundle.get();
            loaded.getStores().getKeyStore();
            loaded.getStores().getTrustStore();
            loaded.createSslContext();
            return loaded;
        } catch (RuntimeException e) {
            throw new TlsConfigException("cannot load " + what + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    private record ServeTls(TlsProperties tls, SslBundles bundles)
            implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableWebServerFactory factory) {
            if (tls.enabled()) {
                factory.setSslBundles(bundles);
                factory.setSsl(Ssl.forBundle(SERVER_BUNDLE));
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
