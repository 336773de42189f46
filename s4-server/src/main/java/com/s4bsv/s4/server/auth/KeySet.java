package com.s4bsv.s4.server.auth;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The keys of one reading of the keys file, and the key the nodes sign with. */
public record KeySet(Map<String, AccessKey> keys, AccessKey cluster) {

    public @Nullable AccessKey find(String id) {
        AccessKey key = keys.get(id);
        return key != null ? key : cluster.id().equals(id) ? cluster : null;
    }
}
