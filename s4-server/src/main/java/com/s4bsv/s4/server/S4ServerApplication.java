package com.s4bsv.s4.server;

/** Entry point of an s4 node. */
public final class S4ServerApplication {

    private S4ServerApplication() {
    }

    public static void main(String[] args) {
        System.err.println("fatal: s4-server is not implemented yet");
        System.exit(1);
    }
}
