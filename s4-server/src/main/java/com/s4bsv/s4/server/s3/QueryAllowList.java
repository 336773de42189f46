package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses, before any S3 handler runs, a request naming a query parameter its handler does not understand
 * ({@link Understands}): 501 NotImplemented, as S3 answers functionality it does not offer. Without it {@code
 * DELETE /b/k?tagging} would delete the object and {@code PUT /b?versioning} would answer 200.
 */
final class QueryAllowList implements HandlerInterceptor {

    /** SDK v2 names the operation in {@code x-id}; presigned URLs carry {@code X-Amz-*} (SigV4 query auth). */
    private static final Set<String> ANY_OPERATION = Set.of("x-id");

    private static final String PRESIGNED_PREFIX = "x-amz-";

    private final Map<HandlerMethod, Set<String>> understood = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!isS3(request) || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        List<String> unknown = unknown(request, understood.computeIfAbsent(method, QueryAllowList::understoodBy));
        if (unknown.isEmpty()) {
            return true;
        }
        S3ErrorResponse.write(request, response, refusal(unknown));
        return false;
    }

    /** Compute and operations live under {@code /_s4/}, which no bucket can be; everything else is S3. */
    static boolean isS3(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/_s4/") && !path.equals("/error");
    }

    /** The request's parameters that are not in {@code understood} nor sent by clients to any operation. */
    static List<String> unknown(HttpServletRequest request, Set<String> understood) {
        List<String> unknown = new ArrayList<>();
        for (String name : Collections.list(request.getParameterNames())) {
            if (!understood.contains(name)
                    && !ANY_OPERATION.contains(name)
                    && !name.toLowerCase(Locale.ROOT).startsWith(PRESIGNED_PREFIX)) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    static S3Exception refusal(List<String> unknown) {
        return new S3Exception(
                S3Error.NOT_IMPLEMENTED,
                "s4 does not serve the subresource or parameter " + String.join(", ", unknown)
                        + " of this request; nothing was done");
    }

    private static Set<String> understoodBy(HandlerMethod method) {
        Understands annotation = method.getMethodAnnotation(Understands.class);
        return annotation == null ? Set.of() : Set.of(annotation.value());
    }
}
