package com.s4bsv.s4.shell.client;

import java.time.Instant;

/** One bucket as some node reports it. */
public record BucketEntry(String name, Instant created) {}
