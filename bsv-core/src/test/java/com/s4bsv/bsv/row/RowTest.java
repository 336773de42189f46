package com.s4bsv.bsv.row;

import static org.assertj.core.api.Assertions.assertThat;

import com.s4bsv.bsv.testing.BsvModel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RowTest {

    @Test
    void readsSizesAndFirstColumnOfASerializedRowInPlace() {
        byte[] serialized = BsvModel.row(BsvModel.columns("abc", "", "de"));
        byte[] buf = new byte[serialized.length + 5];
        System.arraycopy(serialized, 0, buf, 5, serialized.length);
        assertThat(Row.sizeAt(buf, 5, 0)).isEqualTo(3);
        assertThat(Row.sizeAt(buf, 5, 1)).isZero();
        assertThat(Row.sizeAt(buf, 5, 2)).isEqualTo(2);
        Row row = new Row();
        row.wrap(buf, 5, buf.length);
        assertThat(Row.dataAt(buf, 5)).isEqualTo(row.offset(0));
        assertThat(new String(buf, Row.dataAt(buf, 5), 3, StandardCharsets.US_ASCII))
                .isEqualTo("abc");
    }
}
