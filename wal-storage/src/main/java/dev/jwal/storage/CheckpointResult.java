package dev.jwal.storage;

import java.nio.file.Path;

/**
 * What a checkpoint did.
 *
 * @param snapshot          the snapshot file written
 * @param replayFromLsn     the snapshot holds the store as it was after every log record below this LSN;
 *                          a restart loads it and replays the log from here
 * @param checkpointLsn     the LSN of the Checkpoint record appended after the snapshot was durable
 * @param vectors           vectors in the snapshot
 * @param segmentsTruncated log segments deleted afterwards
 */
public record CheckpointResult(Path snapshot, long replayFromLsn, long checkpointLsn, long vectors,
                               int segmentsTruncated) {
}
