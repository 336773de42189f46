package com.s4bsv.s4.server.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of access control ({@code s4.auth.*}).
 *
 * @param keysFile       the keys file ({@link KeysFile}); empty: no keys, anonymous access, loopback only
 * @param region         the region clients must sign for (their scope names it)
 * @param allowAnonymous serve without keys on an address beyond loopback
 * @param protectMetrics Actuator metrics and prometheus need a signed request (a read key) too
 * @param maxSkew        how far a request's date may be from this node's clock
 */
@ConfigurationProperties("s4.auth")
public record AuthProperties(
        String keysFile, String region, boolean allowAnonymous, boolean protectMetrics, Duration maxSkew) {}
