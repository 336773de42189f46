package com.s4bsv.s4.server.storage;

import java.time.Instant;

public record BucketEntry(String name, Instant created) {}
