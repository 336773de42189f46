package com.s4bsv.s4.shell.client;

import com.s4bsv.s4.wire.Wire;

/** The three data-local jobs of the compute wire contract. */
public enum JobKind {
    MAP("map", Wire.MAP_PATH),
    MAP_TO_N("map-to-n", Wire.MAP_TO_N_PATH),
    MAP_FROM_N("map-from-n", Wire.MAP_FROM_N_PATH);

    private final String verb;
    private final String path;

    JobKind(String verb, String path) {
        this.verb = verb;
        this.path = path;
    }

    public String verb() {
        return verb;
    }

    String path() {
        return path;
    }
}
