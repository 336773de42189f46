package com.s4bsv.s4.checksum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class StreamingChecksumTest {

    // RFC 3720 (iSCSI) check value of CRC32C over "123456789"
    @Test
    void matchesTheStandardCrc32cCheckValue() {
        byte[] bytes = "123456789".getBytes(StandardCharsets.US_ASCII);
        var checksum = new StreamingChecksum().update(bytes, 0, bytes.length);
        assertThat(checksum.value()).isEqualTo(0xE3069283L);
        assertThat(checksum.hex()).isEqualTo("e3069283");
        assertThat(checksum.base64()).isEqualTo("4waSgw==");
        assertThat(StreamingChecksum.fromBase64("4waSgw==")).isEqualTo(0xE3069283L);
        assertThat(StreamingChecksum.fromHex("e3069283")).isEqualTo(0xE3069283L);
    }

    @Test
    void emptyContentHasTheS3EmptyChecksum() {
        assertThat(new StreamingChecksum().base64()).isEqualTo("AAAAAA==");
    }

    @Test
    void rejectsHeadersOfTheWrongWidth() {
        assertThatThrownBy(() -> StreamingChecksum.fromBase64("AAAAAAAA")).hasMessageContaining("4 bytes");
    }

    @Property
    void bothEndsAgreeHoweverTheStreamIsSplit(@ForAll byte[] data, @ForAll @IntRange(min = 1, max = 64) int step)
            throws Exception {
        var sink = new ByteArrayOutputStream();
        var sender = new ChecksumOutputStream(sink);
        for (int i = 0; i < data.length; i += step) {
            sender.write(data, i, Math.min(step, data.length - i));
        }
        var receiver = new ChecksumInputStream(new ByteArrayInputStream(sink.toByteArray()));
        byte[] buffer = new byte[step];
        while (receiver.read(buffer, 0, buffer.length) >= 0) {
            // drain
        }
        var whole = new StreamingChecksum().update(data, 0, data.length);
        assertThat(sender.checksum().value()).isEqualTo(whole.value());
        assertThat(receiver.checksum().value()).isEqualTo(whole.value());
        assertThat(receiver.count()).isEqualTo(data.length);
    }
}
