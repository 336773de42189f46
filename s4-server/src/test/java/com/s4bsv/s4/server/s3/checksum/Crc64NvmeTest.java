package com.s4bsv.s4.server.s3.checksum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

public class Crc64NvmeTest {

    public static long crc64(byte[] bytes) {
        var crc = new Crc64Nvme();
        crc.update(bytes, 0, bytes.length);
        return crc.getValue();
    }

    @Test
    void matchesTheStandardCheckValue() {
        assertThat(crc64("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xae8b14860a799888L);
    }

    @Test
    void emptyInputIsZero() {
        assertThat(crc64(new byte[0])).isZero();
    }
}
