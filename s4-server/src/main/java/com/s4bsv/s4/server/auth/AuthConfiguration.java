package com.s4bsv.s4.server.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/** Keys, the authentication filter (right after the request id) and the signing of node-to-node calls. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class AuthConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuthConfiguration.class);

    /** Right after the request filter (id, access log), before anything that could act on or describe a request. */
    static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

    @Bean
    Keys keys(AuthProperties properties, Environment environment) {
        Keys keys = properties.keysFile().isBlank() ? Keys.none() : Keys.load(Path.of(properties.keysFile()));
        String address = environment.getProperty("server.address", "127.0.0.1");
        if (!keys.enabled() && !isLoopback(address)) {
            if (!properties.allowAnonymous()) {
                throw new AnonymousAccessException("no keys are configured (--keys-file or s4.auth.keys-file), so"
                        + " this node serves only loopback; to listen on " + address + " without keys anyway, pass"
                        + " --allow-anonymous");
            }
            log.warn(
                    "ANONYMOUS ACCESS on {}: anyone who reaches this node can read, write and run commands on it",
                    address);
        }
        return keys;
    }

    @Bean(destroyMethod = "close")
    AutoCloseable keysWatcher(Keys keys) {
        return keys.file() == null ? () -> {} : KeysWatcher.start(keys);
    }

    @Bean
    FilterRegistrationBean<AuthFilter> authFilter(Keys keys, AuthProperties properties) {
        var filter = new AuthFilter(
                keys,
                new SignatureVerifier(properties.region(), properties.maxSkew()),
                properties.protectMetrics(),
                Clock.systemUTC());
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(FILTER_ORDER);
        return registration;
    }

    @Bean
    PeerSigner peerSigner(Keys keys, AuthProperties properties) {
        return new PeerSigner(keys, properties.region(), Clock.systemUTC());
    }

    static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The node would serve beyond loopback without keys; the message says how to allow it. */
    static final class AnonymousAccessException extends RuntimeException {

        AnonymousAccessException(String message) {
            super(message);
        }
    }
}
