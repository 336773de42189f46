package com.s4bsv.s4.server.s3;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Bytes moved by S3 operations and checksum failures, for /actuator/prometheus. */
@Component
class S3Metrics {

    private final MeterRegistry registry;
    private final Counter checksumFailures;

    S3Metrics(MeterRegistry registry) {
        this.registry = registry;
        this.checksumFailures = Counter.builder("s4.checksum.failures")
                .description("uploads and copies refused because a checksum did not match the body")
                .register(registry);
    }

    void bytesIn(S3Operation operation, long bytes) {
        registry.counter("s4.bytes.in", "operation", operation.tag()).increment(bytes);
    }

    void bytesOut(S3Operation operation, long bytes) {
        registry.counter("s4.bytes.out", "operation", operation.tag()).increment(bytes);
    }

    void checksumFailure() {
        checksumFailures.increment();
    }
}
