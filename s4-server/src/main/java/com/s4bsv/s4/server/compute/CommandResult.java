package com.s4bsv.s4.server.compute;

/**
 * How a command ended.
 *
 * @param exitCode   bash's exit status, -1 after a timeout
 * @param timedOut   killed for running past the command timeout
 * @param stderrTail the last bytes of stderr (at most {@link CommandRunner#STDERR_TAIL_BYTES}), as text
 * @param inProcess  ran as an in-process pipeline of bsv tools, not under bash
 */
record CommandResult(int exitCode, boolean timedOut, String stderrTail, boolean inProcess) {

    boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }
}
