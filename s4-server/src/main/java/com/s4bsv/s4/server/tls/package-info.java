/**
 * Optional TLS: the node's PEM certificate and key served through a Spring Boot SSL bundle, and the trust its calls
 * to other https nodes use.
 *
 * <p>The bundle is registered and the web server switched to it by beans that always exist and read
 * {@code s4.tls.*} when the server starts, not by conditions: the node runs with Spring AOT, which freezes
 * conditions at build time.
 */
@NullMarked
package com.s4bsv.s4.server.tls;

import org.jspecify.annotations.NullMarked;
