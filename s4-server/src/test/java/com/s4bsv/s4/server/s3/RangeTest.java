package com.s4bsv.s4.server.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.s4bsv.s4.server.s3.error.S3Error;
import com.s4bsv.s4.server.s3.error.S3Exception;
import org.junit.jupiter.api.Test;

class RangeTest {

    @Test
    void parsesTheThreeSingleRangeForms() {
        assertThat(Range.parse("bytes=2-4", 10)).isEqualTo(new Range(2, 4));
        assertThat(Range.parse("bytes=7-", 10)).isEqualTo(new Range(7, 9));
        assertThat(Range.parse("bytes=-3", 10)).isEqualTo(new Range(7, 9));
        assertThat(Range.parse("bytes=-30", 10)).isEqualTo(new Range(0, 9));
        assertThat(Range.parse("bytes=5-100", 10)).isEqualTo(new Range(5, 9));
    }

    @Test
    void ignoresWhatItDoesNotUnderstand() {
        assertThat(Range.parse(null, 10)).isNull();
        assertThat(Range.parse("items=1-2", 10)).isNull();
        assertThat(Range.parse("bytes=1-2,4-5", 10)).isNull();
        assertThat(Range.parse("bytes=5-2", 10)).isNull();
        // Long.parseLong takes signs; byte positions are plain digits (a sign made "bytes=--1" a 416).
        assertThat(Range.parse("bytes=--1", 10)).isNull();
        assertThat(Range.parse("bytes=+1-2", 10)).isNull();
        assertThat(Range.parse("bytes=1-+2", 10)).isNull();
    }

    @Test
    void refusesRangesOutsideTheObject() {
        assertThatThrownBy(() -> Range.parse("bytes=10-", 10))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_RANGE));
        assertThatThrownBy(() -> Range.parse("bytes=-1", 0)).isInstanceOf(S3Exception.class);
    }
}
