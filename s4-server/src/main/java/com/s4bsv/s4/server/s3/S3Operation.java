package com.s4bsv.s4.server.s3;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/** The S3 operation a request is, for metrics and logs; set by the handler that serves it. */
public enum S3Operation {
    LIST_BUCKETS,
    CREATE_BUCKET,
    HEAD_BUCKET,
    DELETE_BUCKET,
    GET_BUCKET_LOCATION,
    LIST_OBJECTS,
    LIST_OBJECTS_V2,
    LIST_MULTIPART_UPLOADS,
    DELETE_OBJECTS,
    DELETE_PREFIX,
    PUT_OBJECT,
    COPY_OBJECT,
    GET_OBJECT,
    HEAD_OBJECT,
    DELETE_OBJECT,
    CREATE_MULTIPART_UPLOAD,
    UPLOAD_PART,
    UPLOAD_PART_COPY,
    COMPLETE_MULTIPART_UPLOAD,
    ABORT_MULTIPART_UPLOAD,
    LIST_PARTS,
    OTHER;

    private static final String ATTRIBUTE = S3Operation.class.getName();

    public void mark(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    public static S3Operation of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof S3Operation op ? op : OTHER;
    }

    /** UpperCamel, as AWS names it: {@code PutObject}. */
    public String tag() {
        var out = new StringBuilder();
        for (String word : name().split("_")) {
            out.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
