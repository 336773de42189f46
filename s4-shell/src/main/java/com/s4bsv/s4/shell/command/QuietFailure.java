package com.s4bsv.s4.shell.command;

/**
 * Exit 1 with nothing more on stderr: the output already said it all (an empty listing, an unhealthy node), and
 * scripts such as {@code s4 ls s4://inputs || load} rely on the status alone.
 */
public final class QuietFailure extends RuntimeException {

    public QuietFailure(String reason) {
        super(reason, null, false, false);
    }
}
