/** Checksums of uploads as S3 clients send them: aws-chunked bodies, trailers, CRC64-NVME and the algorithm names. */
@NullMarked
package com.s4bsv.s4.server.s3.checksum;

import org.jspecify.annotations.NullMarked;
