package com.s4bsv.s4.server.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of this node's place in the ring ({@code s4.cluster.*}).
 *
 * @param conf          cluster config path ({@code --conf}); empty: S4_CONF_PATH, ~/.s4.conf, else one local node
 * @param standalone    ignore any config and run as the single local node (tests)
 * @param selfIndex     this node's index in the config, found by the launcher; -1: find it from the port
 * @param connectTimeout connecting to another node
 * @param healthTimeout  one peer reachability probe
 */
@ConfigurationProperties("s4.cluster")
public record ClusterProperties(
        String conf, boolean standalone, int selfIndex, Duration connectTimeout, Duration healthTimeout) {}
