package com.s4bsv.s4.server.web;

import com.s4bsv.s4.server.s3.S3Operation;
import com.s4bsv.s4.wire.Wire;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id ({@code x-amz-request-id}, also in the MDC), times it by S3 operation and status, and
 * writes the access log line (logger {@code s4.access}, at INFO).
 */
final class RequestFilter extends OncePerRequestFilter {

    private static final Logger access = LoggerFactory.getLogger("s4.access");

    private final MeterRegistry registry;

    RequestFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = HexFormat.of()
                .toHexDigits(ThreadLocalRandom.current().nextLong())
                .toUpperCase();
        response.setHeader(Wire.REQUEST_ID, id);
        MDC.put("requestId", id);
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            long nanos = System.nanoTime() - start;
            S3Operation operation = S3Operation.of(request);
            int status = response.getStatus();
            if (operation != S3Operation.OTHER || !request.getRequestURI().startsWith("/_s4/actuator")) {
                Timer.builder("s4.requests")
                        .description("S3 requests by operation and status")
                        .tag("operation", operation.tag())
                        .tag("status", Integer.toString(status))
                        .tag("forwarded", Boolean.toString(request.getHeader(Wire.FORWARDED) != null))
                        .publishPercentileHistogram()
                        .register(registry)
                        .record(nanos, TimeUnit.NANOSECONDS);
            }
            if (access.isInfoEnabled()) {
                String query = request.getQueryString();
                access.info(
                        "{} {} {}{} {} {}ms",
                        status,
                        request.getMethod(),
                        request.getRequestURI(),
                        query == null ? "" : "?" + query,
                        request.getRemoteAddr(),
                        nanos / 1_000_000);
            }
            MDC.remove("requestId");
        }
    }
}
