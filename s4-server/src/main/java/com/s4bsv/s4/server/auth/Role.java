package com.s4bsv.s4.server.auth;

import java.util.Locale;

/** What a key may do; each role includes the ones before it. */
public enum Role {
    /** GET, HEAD and listings. */
    READ,
    /** Also PUT, DELETE and multipart uploads. */
    WRITE,
    /** Also eval, map, map-to-n and map-from-n. */
    COMPUTE,
    /** The nodes themselves: also the node-only header (a forward to the key's owner). */
    CLUSTER;

    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role parse(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + name + "' (read, write, compute or cluster)");
    }
}
