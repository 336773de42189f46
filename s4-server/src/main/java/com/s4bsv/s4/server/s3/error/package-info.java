/** S3 error codes and the exception that carries one, shared by the S3 front and the upload checksums. */
@NullMarked
package com.s4bsv.s4.server.s3.error;

import org.jspecify.annotations.NullMarked;
