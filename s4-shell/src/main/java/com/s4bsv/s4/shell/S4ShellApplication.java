package com.s4bsv.s4.shell;

/** Entry point of the s4 client. */
public final class S4ShellApplication {

    private S4ShellApplication() {
    }

    public static void main(String[] args) {
        System.err.println("fatal: s4 client is not implemented yet");
        System.exit(1);
    }
}
