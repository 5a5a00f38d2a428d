package dev.jwal.core;

import dev.jwal.api.WalStats;
import dev.jwal.core.retention.LogView;
import dev.jwal.core.segment.SegmentDirectory;
import dev.jwal.core.write.LogWriter;

import java.nio.file.Path;
import java.util.OptionalLong;

/** The open log as its maintenance sees it: the segments and the writer's position, taken under the write lock. */
final class OpenLogView implements LogView {
    private final Path directory;
    private final LogWriter writer;
    private final LogFiles files;

    OpenLogView(Path directory, LogWriter writer, LogFiles files) {
        this.directory = directory;
        this.writer = writer;
        this.files = files;
    }

    @Override
    public Snapshot snapshot() {
        return writer.whileWritesPaused(() -> {
            WalStats.ActiveSegment active = writer.activeSegment();
            long next = writer.nextLsn();
            return new Snapshot(SegmentDirectory.list(directory), writer.bound(),
                    active.firstLsn() < 0 ? next : active.firstLsn(), next);
        });
    }

    @Override
    public OptionalLong lastCheckpointLsn() {
        return files.lastCheckpointLsn();
    }
}
