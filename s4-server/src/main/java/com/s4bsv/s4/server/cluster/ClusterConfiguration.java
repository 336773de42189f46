package com.s4bsv.s4.server.cluster;

import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.config.NodeAddress;
import com.s4bsv.s4.server.tls.PeerTrust;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** This node's view of the ring and the means to talk to the other nodes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterProperties.class)
class ClusterConfiguration {

    @Bean
    Cluster cluster(ClusterProperties properties, Environment environment) {
        if (properties.standalone()) {
            return new Cluster(ClusterConfig.embeddedDefault(), 0);
        }
        Integer port = environment.getProperty("server.port", Integer.class);
        Integer listenPort = port == null || port == 0 ? null : port;
        String bind = environment.getProperty("server.address");
        ClusterConfig config = Membership.orLocalNode(
                ClusterConfig.locate(properties.conf().isEmpty() ? null : Path.of(properties.conf())),
                listenPort,
                bind);
        int self = properties.selfIndex();
        if (self < 0) {
            self = Membership.findSelf(config, listenPort, bind);
        }
        Membership.checkScheme(
                config, self, !environment.getProperty("s4.tls.cert", "").isBlank());
        return new Cluster(config, self);
    }

    @Bean
    PeerClient peerClient(
            ClusterProperties properties,
            Cluster cluster,
            ObjectProvider<PeerClient.Signer> signer,
            ObjectProvider<PeerTrust> trust) {
        PeerTrust peerTrust = trust.getIfAvailable();
        boolean anyHttps = cluster.nodes().stream().anyMatch(NodeAddress::tls);
        return new PeerClient(
                properties.connectTimeout(),
                signer.getIfAvailable(() -> request -> request),
                anyHttps && peerTrust != null ? peerTrust.sslContext() : null);
    }

    @Bean
    Forwarder forwarder(PeerClient peers, MeterRegistry registry) {
        return new Forwarder(peers, registry);
    }

    @Bean
    KeyRouter keyRouter(Cluster cluster, Forwarder forwarder) {
        return new KeyRouter(cluster, forwarder);
    }

    @Bean
    FanOut fanOut(Cluster cluster) {
        return new FanOut(cluster);
    }

    @Bean
    PeersHealthIndicator peersHealthIndicator(Cluster cluster, PeerClient peers, ClusterProperties properties) {
        return new PeersHealthIndicator(cluster, peers, properties.healthTimeout());
    }
}
