package com.s4bsv.s4.server.compute;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of compute on this node ({@code s4.compute.*}); the defaults are in {@code application.yaml}.
 *
 * @param maxCpuJobs     commands running at once ({@code --max-cpu-jobs}); 0 means cores + 2
 * @param commandTimeout one command's limit; past it its whole process group is killed
 * @param peerSilence    a node relaying a fanned-out job gives up on a node that sends nothing this long
 *                       (nodes send progress at least every 500 ms)
 * @param inProcess      run commands that are only pipelines of bsv tools inside this JVM (default true)
 * @param inProcessMemory heap bytes in-process commands may hold at once; 0 means half the max heap (past it
 *                       commands run under bash)
 */
@ConfigurationProperties("s4.compute")
public record ComputeProperties(
        int maxCpuJobs,
        Duration commandTimeout,
        Duration peerSilence,
        @Nullable Boolean inProcess,
        @Nullable DataSize inProcessMemory) {

    public ComputeProperties {
        if (maxCpuJobs < 0) {
            throw new IllegalArgumentException(
                    "s4.compute.max-cpu-jobs must be >= 0 (0 = cores + 2), got " + maxCpuJobs);
        }
        if (maxCpuJobs == 0) {
            maxCpuJobs = Runtime.getRuntime().availableProcessors() + 2;
        }
        if (inProcess == null) {
            inProcess = true;
        }
        if (inProcessMemory == null || inProcessMemory.toBytes() == 0) {
            inProcessMemory = DataSize.ofBytes(Runtime.getRuntime().maxMemory() / 2);
        }
        if (inProcessMemory.isNegative()) {
            throw new IllegalArgumentException("s4.compute.in-process-memory must be >= 0, got " + inProcessMemory);
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("s4.compute.command-timeout must be positive, got " + commandTimeout);
        }
    }
}
