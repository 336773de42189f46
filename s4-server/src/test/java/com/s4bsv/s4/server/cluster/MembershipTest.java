package com.s4bsv.s4.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.s4bsv.s4.config.ClusterConfig;
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
                .hasMessageContaining("cannot tell which entry").hasMessageContaining("--bind");
    }

    @Test
    void refusesAConfigWithoutThisNode() {
        ClusterConfig config = ClusterConfig.parse("198.51.100.1:9000\n198.51.100.2:9000\n", "remote.conf");
        assertThatThrownBy(() -> Membership.findSelf(config, 9000, null))
                .hasMessageContaining("remote.conf").hasMessageContaining("not in the cluster config");
    }

    @Test
    void aSingleNodeConfigIsThisNode() {
        assertThat(Membership.findSelf(ClusterConfig.embeddedDefault(), null, null)).isZero();
    }
}
