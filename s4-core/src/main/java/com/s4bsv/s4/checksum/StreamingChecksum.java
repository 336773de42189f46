package com.s4bsv.s4.checksum;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * The end-to-end checksum of s4: CRC32C, fed while the bytes flow on both ends of every transfer.
 *
 * <p>CRC32C because the JDK computes it with CPU intrinsics (the fastest option measured in
 * {@code bench/jmh} ChecksumBenchmark) and because S3 clients know it as {@code x-amz-checksum-crc32c},
 * so aws cli, boto3 and the SDKs can check our objects without knowing s4.
 */
public final class StreamingChecksum {

    private final CRC32C crc = new CRC32C();

    public StreamingChecksum update(byte[] bytes, int offset, int length) {
        crc.update(bytes, offset, length);
        return this;
    }

    public StreamingChecksum update(ByteBuffer buffer) {
        crc.update(buffer);
        return this;
    }

    public long value() {
        return crc.getValue();
    }

    public void reset() {
        crc.reset();
    }

    /** The 4 checksum bytes, big-endian, base64: the form of {@code x-amz-checksum-crc32c}. */
    public String base64() {
        return toBase64(value());
    }

    /** Eight lowercase hex digits, as stored beside an object. */
    public String hex() {
        return toHex(value());
    }

    public static String toBase64(long crc32c) {
        return Base64.getEncoder().encodeToString(bytes(crc32c));
    }

    public static String toHex(long crc32c) {
        return HexFormat.of().formatHex(bytes(crc32c));
    }

    /** Parses the base64 header form; throws {@link IllegalArgumentException} when it is not 4 bytes. */
    public static long fromBase64(String base64) {
        byte[] b = Base64.getDecoder().decode(base64.strip());
        if (b.length != 4) {
            throw new IllegalArgumentException("crc32c must be 4 bytes, got " + b.length);
        }
        return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
    }

    public static long fromHex(String hex) {
        if (hex.length() != 8) {
            throw new IllegalArgumentException("crc32c must be 8 hex digits, got '" + hex + "'");
        }
        return HexFormat.fromHexDigitsToLong(hex);
    }

    private static byte[] bytes(long crc32c) {
        return new byte[] {(byte) (crc32c >>> 24), (byte) (crc32c >>> 16), (byte) (crc32c >>> 8), (byte) crc32c};
    }
}
