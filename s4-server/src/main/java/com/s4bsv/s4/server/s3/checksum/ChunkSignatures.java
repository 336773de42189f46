package com.s4bsv.s4.server.s3.checksum;

import com.s4bsv.s4.server.s3.error.S3Exception;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks the signature of every chunk of an aws-chunked body while it is decoded (and of its trailer), so a signed
 * streaming upload is verified without holding a chunk: each method throws {@link S3Exception} on a bad signature,
 * before the decoder hands out the chunk's last bytes. The authentication filter puts one on the request under
 * {@link #ATTRIBUTE}; the decoder calls it for each chunk header, data, end, and the trailer.
 */
public interface ChunkSignatures {

    String ATTRIBUTE = ChunkSignatures.class.getName();

    /** A chunk starts; {@code extension} is its header after the size's ';' (or null without one). */
    void begin(@Nullable String extension);

    void update(byte[] bytes, int offset, int length);

    /** The chunk's data is complete (also called for the final zero-length chunk). */
    void end();

    /**
     * The trailer lines as received ({@code name:value}), without the signature line; {@code signature} is the
     * {@code x-amz-trailer-signature} value, or null when none came.
     */
    void trailer(List<String> lines, @Nullable String signature);
}
