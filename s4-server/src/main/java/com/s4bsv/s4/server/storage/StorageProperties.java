package com.s4bsv.s4.server.storage;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of this node's storage ({@code s4.storage.*}).
 *
 * @param dataDir        the data root ({@code --data-dir})
 * @param tempMaxAge     temp entries not in use and untouched this long are garbage
 * @param uploadMaxAge   multipart uploads untouched this long are abandoned
 * @param sweepInterval  how often garbage is collected
 * @param maxIoJobs      concurrent object transfers ({@code --max-io-jobs}); 0 means cores × 4
 * @param ioWait         how long a transfer waits for a slot before 503 SlowDown
 * @param minPartSize    every multipart part but the last must be this big at Complete (S3: 5 MiB)
 */
@ConfigurationProperties("s4.storage")
public record StorageProperties(
        Path dataDir,
        Duration tempMaxAge,
        Duration uploadMaxAge,
        Duration sweepInterval,
        int maxIoJobs,
        Duration ioWait,
        DataSize minPartSize) {

    public StorageProperties {
        if (maxIoJobs < 0) {
            throw new IllegalArgumentException("s4.storage.max-io-jobs must be >= 0 (0 = cores x 4), got " + maxIoJobs);
        }
        if (maxIoJobs == 0) {
            maxIoJobs = Runtime.getRuntime().availableProcessors() * 4;
        }
    }
}
