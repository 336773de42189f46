package com.s4bsv.s4.server.auth;

import com.s4bsv.s4.wire.Wire;
import jakarta.servlet.http.HttpServletRequest;

/** The least role a request needs, from its method and path. */
final class RequiredRole {

    private RequiredRole() {}

    static Role of(HttpServletRequest request) {
        if (request.getRequestURI().startsWith(Wire.INTERNAL_PREFIX)) {
            return Role.COMPUTE;
        }
        return switch (request.getMethod()) {
            case "GET", "HEAD" -> Role.READ;
            default -> Role.WRITE;
        };
    }

    /**
     * Headers only nodes send: a forward (the receiver then serves the key even if it is not its owner). A one-node
     * listing or job ({@code x-s4-local}) is no privilege: the s4 client fans out itself with it.
     */
    static boolean hasNodeOnlyHeaders(HttpServletRequest request) {
        return request.getHeader(Wire.FORWARDED) != null;
    }
}
