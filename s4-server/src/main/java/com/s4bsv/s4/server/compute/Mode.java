package com.s4bsv.s4.server.compute;

import com.s4bsv.s4.wire.Wire;

/** The three map-family calls. */
enum Mode {
    MAP(Wire.MAP_PATH),
    MAP_TO_N(Wire.MAP_TO_N_PATH),
    MAP_FROM_N(Wire.MAP_FROM_N_PATH);

    private final String path;

    Mode(String path) {
        this.path = path;
    }

    String path() {
        return path;
    }
}
