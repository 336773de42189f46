package com.s4bsv.s4.server.auth;

import com.s4bsv.s4.sigv4.Credentials;

/** One access key of the keys file. */
public record AccessKey(String id, String secret, Role role) {

    public Credentials credentials() {
        return new Credentials(id, secret);
    }

    @Override
    public String toString() {
        return "AccessKey[" + id + ", " + role.wireName() + "]";
    }
}
