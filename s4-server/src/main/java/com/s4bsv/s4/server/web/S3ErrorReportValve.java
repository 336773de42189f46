package com.s4bsv.s4.server.web;

import com.s4bsv.s4.server.s3.error.S3Error;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Replaces Tomcat's HTML error page for requests refused before they reach the application (a path that
 * normalizes outside the root, a malformed request line): S3 clients parse an XML error from every failure.
 */
public final class S3ErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        S3Error error = switch (status) {
            case 400 -> S3Error.INVALID_URI;
            case 404 -> S3Error.NOT_FOUND;
            case 405 -> S3Error.METHOD_NOT_ALLOWED;
            case 411 -> S3Error.MISSING_CONTENT_LENGTH;
            case 413 -> S3Error.ENTITY_TOO_LARGE;
            default -> status >= 500 ? S3Error.INTERNAL_ERROR : S3Error.INVALID_REQUEST;
        };
        try {
            response.setContentType("application/xml");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + error.code()
                        + "</Code><Message>" + error.message() + "</Message><Resource></Resource><RequestId>"
                        + "</RequestId></Error>");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone; nothing to tell it
        }
    }
}
