package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import com.s4bsv.s4.wire.Wire;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes the S3 XML error document; the one place that knows its shape, used by the exception handler and the
 * container error page.
 */
public final class S3ErrorResponse {

    /**
     * The request attribute holding the error already written: when the container then runs its error page anyway
     * (it does after a client abort), the page answers this error rather than guessing one from the status.
     */
    public static final String WRITTEN = S3ErrorResponse.class.getName() + ".written";

    /** What {@link #write} answered, kept as plain data: no exception (and stack trace) per error response. */
    public record Written(S3Error error, String message, String resource, Map<String, String> extra) {}

    private S3ErrorResponse() {}

    public static void write(HttpServletRequest request, HttpServletResponse response, S3Exception e)
            throws IOException {
        write(
                request,
                response,
                e.error(),
                e.getMessage() == null ? e.error().message() : e.getMessage(),
                e.resource(),
                e.extra());
    }

    public static void write(
            HttpServletRequest request,
            HttpServletResponse response,
            S3Error error,
            String message,
            @Nullable String resource,
            Map<String, String> extra)
            throws IOException {
        // Resolved now: on the container's error page the request URI is the page's own.
        request.setAttribute(
                WRITTEN, new Written(error, message, resource != null ? resource : request.getRequestURI(), extra));
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(error.status());
        // HEAD answers carry status and headers only; clients read the code from the status.
        if ("HEAD".equals(request.getMethod())) {
            response.setContentLength(0);
            return;
        }
        response.setContentType(S3Xml.CONTENT_TYPE);
        String requestId = response.getHeader(Wire.REQUEST_ID);
        var body = new ByteArrayOutputStream(512);
        try (S3Xml xml = S3Xml.start(body, "Error", false)) {
            xml.element("Code", error.code());
            xml.element("Message", oneLine(message));
            for (Map.Entry<String, String> element : extra.entrySet()) {
                xml.element(element.getKey(), element.getValue());
            }
            xml.element("Resource", resource != null ? resource : request.getRequestURI());
            xml.element("RequestId", requestId == null ? "" : requestId);
        }
        // A length, not chunks: a client refused before its body was read has the whole answer at once, while the
        // container still drains (or gives up on) the body it did not want.
        response.setContentLength(body.size());
        body.writeTo(response.getOutputStream());
    }

    private static String oneLine(String message) {
        return message.replace('\n', ' ').replace('\r', ' ');
    }
}
