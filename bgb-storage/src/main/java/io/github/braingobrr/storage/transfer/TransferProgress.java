package io.github.braingobrr.storage.transfer;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of a running transfer.
 *
 * @param operation {@code sync}, {@code populate}, {@code verify} or {@code clean}
 * @param filesDone files finished (transferred, skipped or failed)
 * @param filesTotal files the transfer will look at
 * @param filesFailed files that failed so far
 * @param bytesDone bytes moved so far (skipped files do not count)
 * @param bytesTotal bytes that may need moving (the size of every file not yet known to be current)
 * @param elapsed time since the transfer started
 * @param bytesPerSecond the average rate so far
 * @param eta the estimated time left at that rate, empty until something has moved
 */
public record TransferProgress(
        String operation,
        int filesDone,
        int filesTotal,
        int filesFailed,
        long bytesDone,
        long bytesTotal,
        Duration elapsed,
        double bytesPerSecond,
        Optional<Duration> eta) {}
