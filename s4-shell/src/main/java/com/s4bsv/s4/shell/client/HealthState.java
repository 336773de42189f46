package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.config.NodeAddress;

/** Whether one node answered its readiness check, and why not. */
public record HealthState(NodeAddress node, boolean healthy, String detail) {}
