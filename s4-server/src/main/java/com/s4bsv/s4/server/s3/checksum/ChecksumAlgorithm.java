package com.s4bsv.s4.server.s3.checksum;

import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The upload checksums S3 clients send, each as the base64 of its big-endian bytes. */
public enum ChecksumAlgorithm {
    CRC32("x-amz-checksum-crc32"),
    CRC32C("x-amz-checksum-crc32c"),
    CRC64NVME("x-amz-checksum-crc64nvme"),
    SHA1("x-amz-checksum-sha1"),
    SHA256("x-amz-checksum-sha256"),
    MD5("content-md5");

    private final String header;

    ChecksumAlgorithm(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }

    public static ChecksumAlgorithm ofHeader(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.header.equals(lower)) {
                return algorithm;
            }
        }
        throw new S3Exception(S3Error.INVALID_REQUEST, "unsupported checksum trailer '" + name + "'");
    }

    /** A running digest of this algorithm. */
    public Digest newDigest() {
        return switch (this) {
            case CRC32 -> new ChecksumDigest(new CRC32(), 4);
            case CRC32C -> new ChecksumDigest(new CRC32C(), 4);
            case CRC64NVME -> new ChecksumDigest(new Crc64Nvme(), 8);
            case SHA1 -> new MessageDigestDigest("SHA-1");
            case SHA256 -> new MessageDigestDigest("SHA-256");
            case MD5 -> new MessageDigestDigest("MD5");
        };
    }

    public interface Digest {
        void update(byte[] bytes, int offset, int length);

        byte[] result();

        default String base64() {
            return Base64.getEncoder().encodeToString(result());
        }
    }

    private record ChecksumDigest(Checksum checksum, int width) implements Digest {

        @Override
        public void update(byte[] bytes, int offset, int length) {
            checksum.update(bytes, offset, length);
        }

        @Override
        public byte[] result() {
            ByteBuffer buffer = ByteBuffer.allocate(8).putLong(checksum.getValue());
            byte[] out = new byte[width];
            System.arraycopy(buffer.array(), 8 - width, out, 0, width);
            return out;
        }
    }

    private static final class MessageDigestDigest implements Digest {

        private final MessageDigest digest;

        MessageDigestDigest(String name) {
            try {
                digest = MessageDigest.getInstance(name);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(name + " is part of every JDK", e);
            }
        }

        @Override
        public void update(byte[] bytes, int offset, int length) {
            digest.update(bytes, offset, length);
        }

        @Override
        public byte[] result() {
            return digest.digest();
        }
    }
}
