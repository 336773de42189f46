package com.s4bsv.s4.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeysFileTest {

    @Test
    void readsKeysRolesAndSkipsCommentsAndBlankLines() {
        KeySet keys = KeysFile.parse(List.of("# a comment", "", "r  rs\tread", "w ws write", " c cs compute "), "f");
        assertThat(keys.keys()).hasSize(3);
        assertThat(keys.find("r")).isEqualTo(new AccessKey("r", "rs", Role.READ));
        assertThat(keys.find("c").role()).isEqualTo(Role.COMPUTE);
        assertThat(keys.find("x")).isNull();
    }

    @Test
    void derivesTheSameClusterKeyFromTheSameSecretsOnly() {
        KeySet a = KeysFile.parse(List.of("r rs read", "w ws write"), "a");
        KeySet b = KeysFile.parse(List.of("w ws write", "r rs read"), "b");
        KeySet c = KeysFile.parse(List.of("r rs read", "w other write"), "c");
        assertThat(a.cluster()).isEqualTo(b.cluster());
        assertThat(a.cluster().role()).isEqualTo(Role.CLUSTER);
        assertThat(a.cluster().secret()).isNotEqualTo(c.cluster().secret()).doesNotContain("rs", "ws");
        assertThat(a.find(a.cluster().id())).isEqualTo(a.cluster());
    }

    @Test
    void anExplicitClusterKeyIsUsed() {
        KeySet keys = KeysFile.parse(List.of("r rs read", "node ns cluster"), "f");
        assertThat(keys.cluster()).isEqualTo(new AccessKey("node", "ns", Role.CLUSTER));
    }

    @Test
    void rolesIncludeTheOnesBefore() {
        assertThat(Role.COMPUTE.allows(Role.WRITE)).isTrue();
        assertThat(Role.WRITE.allows(Role.READ)).isTrue();
        assertThat(Role.READ.allows(Role.WRITE)).isFalse();
        assertThat(Role.WRITE.allows(Role.COMPUTE)).isFalse();
        assertThat(Role.COMPUTE.allows(Role.CLUSTER)).isFalse();
    }

    @Test
    void problemsNameTheLine() {
        assertThatThrownBy(() -> KeysFile.parse(List.of("r rs read", "w ws"), "keys"))
                .hasMessage("keys line 2: expected ACCESS_KEY_ID SECRET ROLE, got 2 fields");
        assertThatThrownBy(() -> KeysFile.parse(List.of("r rs admin"), "keys"))
                .hasMessageContaining("keys line 1: unknown role 'admin'");
        assertThatThrownBy(() -> KeysFile.parse(List.of("r rs read", "r x write"), "keys"))
                .hasMessage("keys line 2: access key id r appears twice");
        assertThatThrownBy(() -> KeysFile.parse(List.of("a/b s read"), "keys"))
                .hasMessageContaining("not a valid access key id");
        assertThatThrownBy(() -> KeysFile.parse(List.of("s4-cluster s read"), "keys"))
                .hasMessageContaining("not a valid access key id");
        assertThatThrownBy(() -> KeysFile.parse(List.of("# nothing"), "keys")).hasMessageContaining("has no keys");
    }
}
