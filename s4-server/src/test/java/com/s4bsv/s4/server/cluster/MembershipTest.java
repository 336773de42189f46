package com.s4bsv.s4.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.config.NodeAddress;
import org.junit.jupiter.api.Test;

class MembershipTest {

    @Test
    void findsItselfByPortAmongLocalNodes() {
        ClusterConfig config = ClusterConfig.parse("127.0.0.1:9001\n127.0.0.1:9002\n127.0.0.1:9003\n", "t");
        assertThat(Membership.findSelf(config, 9002, null)).isEqualTo(1);
    }

    @Test
    void findsItselfByBindAddressWhenPortsAreShared() {
        ClusterConfig config = ClusterConfig.parse("127.0.0.1:9000\n127.0.0.2:9000\n127.0.0.3:9000\n", "t");
        assertThat(Membership.findSelf(config, 9000, "127.0.0.3")).isEqualTo(2);
        assertThatThrownBy(() -> Membership.findSelf(config, 9000, null))
                .hasMessageContaining("cannot tell which entry")
                .hasMessageContaining("--bind");
    }

    @Test
    void refusesAConfigWithoutThisNode() {
        ClusterConfig config = ClusterConfig.parse("198.51.100.1:9000\n198.51.100.2:9000\n", "remote.conf");
        assertThatThrownBy(() -> Membership.findSelf(config, 9000, null))
                .hasMessageContaining("remote.conf")
                .hasMessageContaining("not in the cluster config")
                .hasMessageEndingWith("add the line 127.0.0.1:9000 to remote.conf,"
                        + " or start a single local node with bin/s4-cluster 1 --port 9000");
        assertThatThrownBy(() -> Membership.findSelf(config, 9000, "127.0.0.5"))
                .hasMessageContaining("add the line 127.0.0.5:9000 to remote.conf");
        assertThatThrownBy(() -> Membership.findSelf(config, null, null))
                .hasMessageContaining("--port P")
                .hasMessageContaining("127.0.0.1:8080) to remote.conf");
    }

    @Test
    void withoutAConfigTheFlagsNameTheSingleLocalNode() {
        ClusterConfig none = ClusterConfig.embeddedDefault();
        assertThat(Membership.orLocalNode(none, null, null).nodes()).containsExactly(ClusterConfig.EMBEDDED_DEFAULT);
        ClusterConfig onPort = Membership.orLocalNode(none, 18500, null);
        assertThat(onPort.nodes()).containsExactly(new NodeAddress("127.0.0.1", 18500));
        assertThat(onPort.isEmbeddedDefault()).isTrue();
        assertThat(Membership.findSelf(onPort, 18500, null)).isZero();
        assertThat(Membership.orLocalNode(none, 18500, "127.0.0.2").nodes())
                .containsExactly(new NodeAddress("127.0.0.2", 18500));
        assertThat(Membership.orLocalNode(none, null, "0.0.0.0").nodes())
                .containsExactly(ClusterConfig.EMBEDDED_DEFAULT);
    }

    @Test
    void aGivenConfigIsKeptAsItIs() {
        ClusterConfig given = ClusterConfig.parse("127.0.0.1:9001\n", "given.conf");
        assertThat(Membership.orLocalNode(given, 18500, null)).isSameAs(given);
    }

    @Test
    void aSingleNodeConfigIsThisNode() {
        assertThat(Membership.findSelf(ClusterConfig.embeddedDefault(), null, null))
                .isZero();
    }

    @Test
    void aNodesLineMustNameTheSchemeItServes() {
        ClusterConfig config = ClusterConfig.parse("https://127.0.0.1:9001\n127.0.0.1:9002\n", "x.conf");
        Membership.checkScheme(config, 0, true);
        Membership.checkScheme(config, 1, false);
        assertThatThrownBy(() -> Membership.checkScheme(config, 1, true))
                .isInstanceOf(Membership.MembershipException.class)
                .hasMessage("x.conf: this node's line is '127.0.0.1:9002' but it serves https (--tls-cert): write"
                        + " https://127.0.0.1:9002");
        assertThatThrownBy(() -> Membership.checkScheme(config, 0, false))
                .hasMessage("x.conf: this node's line is 'https://127.0.0.1:9001' but it serves plain http: give it"
                        + " --tls-cert and --tls-key, or write 127.0.0.1:9001");
        Membership.checkScheme(Membership.orLocalNode(ClusterConfig.embeddedDefault(), 9003, null), 0, true);
    }
}
