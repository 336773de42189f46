package com.s4bsv.s4.server.s3;

import com.s4bsv.s4.key.InvalidKeyException;
import com.s4bsv.s4.server.cluster.PeerFailedException;
import com.s4bsv.s4.server.cluster.PeerUnavailableException;
import com.s4bsv.s4.server.compute.CommandFailedException;
import com.s4bsv.s4.server.compute.InvalidComputeRequestException;
import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import com.s4bsv.s4.server.storage.BucketNotEmptyException;
import com.s4bsv.s4.server.storage.DataDirException;
import com.s4bsv.s4.server.storage.EntityTooSmallException;
import com.s4bsv.s4.server.storage.InsufficientStorageException;
import com.s4bsv.s4.server.storage.InvalidPartException;
import com.s4bsv.s4.server.storage.KeyConflictException;
import com.s4bsv.s4.server.storage.KeyExistsException;
import com.s4bsv.s4.server.storage.NoSuchBucketException;
import com.s4bsv.s4.server.storage.NoSuchKeyException;
import com.s4bsv.s4.server.storage.NoSuchUploadException;
import com.s4bsv.s4.server.storage.StorageException;
import com.s4bsv.s4.wire.CommandError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.EOFException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.UnsatisfiedServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Renders every failure of a request as the S3 XML error document; the unknown becomes InternalError. */
@RestControllerAdvice
class S3ExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(S3ExceptionHandler.class);

    @ExceptionHandler(S3Exception.class)
    void s3(S3Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        S3ErrorResponse.write(request, response, e);
    }

    @ExceptionHandler(StorageException.class)
    void storage(StorageException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (e instanceof InsufficientStorageException) {
            log.warn("{} {} refused: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        }
        S3ErrorResponse.write(request, response, toS3(e));
    }

    static S3Exception toS3(StorageException e) {
        S3Error error = switch (e) {
            case NoSuchKeyException x -> S3Error.NO_SUCH_KEY;
            case KeyExistsException x -> S3Error.KEY_EXISTS;
            case KeyConflictException x -> S3Error.KEY_PATH_CONFLICT;
            case NoSuchBucketException x -> S3Error.NO_SUCH_BUCKET;
            case BucketNotEmptyException x -> S3Error.BUCKET_NOT_EMPTY;
            case NoSuchUploadException x -> S3Error.NO_SUCH_UPLOAD;
            case InvalidPartException x -> x.isOrderProblem() ? S3Error.INVALID_PART_ORDER : S3Error.INVALID_PART;
            case DataDirException x -> S3Error.INTERNAL_ERROR;
            case InsufficientStorageException x -> S3Error.INSUFFICIENT_STORAGE;
            case EntityTooSmallException x -> S3Error.ENTITY_TOO_SMALL;
        };
        if (error == S3Error.INSUFFICIENT_STORAGE) {
            return new S3Exception(error, error.message() + " " + capitalized(e.getMessage()) + ".");
        }
        return new S3Exception(error, e.getMessage());
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    @ExceptionHandler(InvalidComputeRequestException.class)
    void invalidCompute(InvalidComputeRequestException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        S3ErrorResponse.write(
                request, response, new S3Exception(S3Error.INVALID_ARGUMENT, e.getMessage(), e.resource()));
    }

    @ExceptionHandler(CommandFailedException.class)
    void commandFailed(CommandFailedException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put(CommandError.KEY, e.key());
        extra.put(CommandError.EXIT_CODE, Integer.toString(e.exitCode()));
        extra.put(CommandError.STDERR, S3Xml.xmlSafe(e.stderrTail()));
        S3ErrorResponse.write(
                request,
                response,
                new S3Exception(
                        e.timedOut() ? S3Error.COMMAND_TIMED_OUT : S3Error.COMMAND_FAILED,
                        e.getMessage(),
                        e.key(),
                        extra));
    }

    @ExceptionHandler(InvalidKeyException.class)
    void invalidKey(InvalidKeyException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        S3ErrorResponse.write(request, response, new S3Exception(S3Error.INVALID_ARGUMENT, e.getMessage()));
    }

    @ExceptionHandler(PeerUnavailableException.class)
    void peer(PeerUnavailableException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        log.warn("{}", e.getMessage());
        S3ErrorResponse.write(request, response, new S3Exception(S3Error.SERVICE_UNAVAILABLE, e.getMessage()));
    }

    @ExceptionHandler(PeerFailedException.class)
    void peerFailed(PeerFailedException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        S3ErrorResponse.write(request, response, new S3Exception(S3Error.SERVICE_UNAVAILABLE, e.getMessage()));
    }

    /**
     * No handler serves this method here, or not with these parameters. A request naming a subresource is
     * NotImplemented, as behind a handler ({@link QueryAllowList}); a plain one is MethodNotAllowed.
     */
    @ExceptionHandler({HttpRequestMethodNotSupportedException.class, UnsatisfiedServletRequestParameterException.class})
    void method(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> unknown = QueryAllowList.unknown(request, Set.of());
        if (QueryAllowList.isS3(request) && !unknown.isEmpty()) {
            S3ErrorResponse.write(request, response, QueryAllowList.refusal(unknown));
            return;
        }
        String method = request.getMethod();
        S3ErrorResponse.write(
                request,
                response,
                S3Error.METHOD_NOT_ALLOWED,
                "method " + method + " is not allowed on this resource",
                null,
                Map.of("Method", method));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    void parameter(MissingServletRequestParameterException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        S3ErrorResponse.write(request, response, new S3Exception(S3Error.INVALID_ARGUMENT, e.getMessage()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    void notFound(NoResourceFoundException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        S3ErrorResponse.write(
                request, response, new S3Exception(S3Error.NOT_FOUND, "no such resource: " + request.getRequestURI()));
    }

    @ExceptionHandler(IOException.class)
    void io(IOException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Mostly a client that went away mid-transfer: nobody to answer; the temp file is already gone.
        log.debug("I/O failure on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
        S3ErrorResponse.write(
                request, response, new S3Exception(S3Error.INCOMPLETE_BODY, "transfer failed: " + reason(e)));
    }

    /** Tomcat wraps a short body as ClientAbortException("java.io.EOFException"): say what happened instead. */
    static String reason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return "the request body ended before its declared length";
            }
        }
        return String.valueOf(e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    void unknown(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        log.error("internal error on {} {}", request.getMethod(), request.getRequestURI(), e);
        S3ErrorResponse.write(
                request,
                response,
                new S3Exception(
                        S3Error.INTERNAL_ERROR,
                        "internal error: " + e.getClass().getSimpleName()));
    }
}
