package com.s4bsv.s4.server.s3;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The query parameters an S3 handler method acts on. A request to it carrying any other parameter (bar the few
 * every client may add, see {@link QueryAllowList}) is refused with 501 before the handler runs: an unknown
 * subresource such as {@code ?tagging} or {@code ?acl} must never be mistaken for the plain operation.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface Understands {

    /** Parameter names, exactly as S3 spells them. */
    String[] value() default {};
}
