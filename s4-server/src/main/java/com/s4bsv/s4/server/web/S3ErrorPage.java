package com.s4bsv.s4.server.web;

import com.s4bsv.s4.server.s3.S3ErrorResponse;
import com.s4bsv.s4.server.s3.error.S3Error;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Requests the container rejects before any controller runs (a bad URI, an unparsable header) still get an S3 XML
 * error: clients parse the body of every failed request (s3proxy's S3ErrorHandler lesson).
 */
@RestController
class S3ErrorPage implements ErrorController {

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getAttribute(S3ErrorResponse.WRITTEN) instanceof S3ErrorResponse.Written written) {
            S3ErrorResponse.write(
                    request, response, written.error(), written.message(), written.resource(), written.extra());
            return;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        S3Error error = switch (status) {
            case 400 -> S3Error.INVALID_URI;
            case 404 -> S3Error.NOT_FOUND;
            case 405 -> S3Error.METHOD_NOT_ALLOWED;
            case 411 -> S3Error.MISSING_CONTENT_LENGTH;
            case 413 -> S3Error.ENTITY_TOO_LARGE;
            default -> status >= 500 ? S3Error.INTERNAL_ERROR : S3Error.INVALID_REQUEST;
        };
        S3ErrorResponse.write(request, response, error, error.message(), uri == null ? "" : uri.toString(), Map.of());
        response.setStatus(status);
    }
}
