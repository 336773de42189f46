package com.s4bsv.s4.server.auth;

import com.s4bsv.s4.sigv4.SigV4;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * What a node puts in {@code x-s4-forwarded} when it forwards a client's signed request to the key's owner: a MAC,
 * under the cluster key, of the client's signature. The owner verifies the client's signature itself (it is the
 * one that stores the body, so it must check the payload) and this proof tells it a node, not the client, marked
 * the request as forwarded.
 */
final class ForwardProof {

    private ForwardProof() {}

    static String of(AccessKey cluster, String clientSignature) {
        return HexFormat.of()
                .formatHex(SigV4.hmac(
                        cluster.secret().getBytes(StandardCharsets.UTF_8), "s4-forwarded\n" + clientSignature));
    }
}
