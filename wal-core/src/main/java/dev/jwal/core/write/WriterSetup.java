package dev.jwal.core.write;

import dev.jwal.core.index.SegmentIndexes;
import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.segment.RecordFraming;
import dev.jwal.core.segment.SegmentFile;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Everything a {@link WritePath} is opened with, named. Build with {@link #builder}. Immutable.
 */
public final class WriterSetup {
    final LogFileSystem fs;
    final Path directory;
    final RecordFraming framing;
    final long segmentSize;
    final long preallocation;
    final boolean mappedWrites;
    final long nextLsn;
    final SegmentFile lastSegment;
    final boolean appendToLast;
    final long lastSegmentFirstLsn;
    final SyncTimer timer;
    final LongConsumer segmentStarted;
    final SegmentIndexes indexes;

    private WriterSetup(Builder builder) {
        this.fs = builder.fs;
        this.directory = builder.directory;
        this.framing = builder.framing;
        this.segmentSize = builder.segmentSize;
        this.preallocation = builder.preallocation;
        this.mappedWrites = builder.mappedWrites;
        this.nextLsn = builder.nextLsn;
        this.lastSegment = builder.lastSegment;
        this.appendToLast = builder.appendToLast;
        this.lastSegmentFirstLsn = builder.lastSegmentFirstLsn;
        this.timer = builder.timer;
        this.segmentStarted = builder.segmentStarted;
        this.indexes = builder.indexes;
    }

    /**
     * A setup writing into {@code directory} through {@code fs}, laying records out with {@code framing}.
     * Defaults: 64 MiB segments, no preallocation, the first record at LSN 0 in a new segment, forces timed
     * against a 1 s slow threshold, nobody told of new segments, segment indexes of its own.
     */
    public static Builder builder(LogFileSystem fs, Path directory, RecordFraming framing) {
        return new Builder(fs, directory, framing);
    }

    /** Builds a {@link WriterSetup}. Not thread safe. */
    public static final class Builder {
        private final LogFileSystem fs;
        private final Path directory;
        private final RecordFraming framing;
        private long segmentSize = 64L << 20;
        private long preallocation;
        private boolean mappedWrites;
        private long nextLsn;
        private SegmentFile lastSegment;
        private boolean appendToLast;
        private long lastSegmentFirstLsn = -1;
        private SyncTimer timer = new SyncTimer(java.time.Duration.ofSeconds(1));
        private LongConsumer segmentStarted = lsn -> { };
        private SegmentIndexes indexes = SegmentIndexes.create();

        private Builder(LogFileSystem fs, Path directory, RecordFraming framing) {
            this.fs = Objects.requireNonNull(fs, "fs");
            this.directory = Objects.requireNonNull(directory, "directory");
            this.framing = Objects.requireNonNull(framing, "framing");
        }

        /** Bytes after which the next record starts a new segment. */
        public Builder segmentSize(long bytes) {
            this.segmentSize = bytes;
            return this;
        }

        /** Bytes each segment is extended to when started or reopened (0: segments grow as written). */
        public Builder preallocation(long bytes) {
            this.preallocation = bytes;
            return this;
        }

        /**
         * Whether the preallocated room of each segment is written through a shared mapping, by memory copy,
         * instead of by write calls (see {@link dev.jwal.core.io.LogFileSystem.AppendableFile#reserveMapped});
         * only with {@link #preallocation}. Default false.
         */
        public Builder mappedWrites(boolean mapped) {
            this.mappedWrites = mapped;
            return this;
        }

        /** The LSN of the next record. */
        public Builder nextLsn(long lsn) {
            this.nextLsn = lsn;
            return this;
        }

        /**
         * The directory's last segment, and whether appends go on in it after its last byte ({@code false}:
         * the first write starts a new segment after it).
         */
        public Builder after(SegmentFile segment, boolean appendToIt) {
            this.lastSegment = segment;
            this.appendToLast = segment != null && appendToIt;
            return this;
        }

        /**
         * The LSN of the first record of the last segment (see {@link #after}), or -1 when it holds none (the
         * default): where the record count of a reopened segment starts.
         */
        public Builder lastSegmentFirstLsn(long lsn) {
            this.lastSegmentFirstLsn = lsn;
            return this;
        }

        /** Times every force. */
        public Builder timer(SyncTimer syncTimer) {
            this.timer = Objects.requireNonNull(syncTimer, "timer");
            return this;
        }

        /**
         * Told the first LSN of every segment the writer starts, under the write lock: no batch of records is
         * ever split across segments.
         */
        public Builder onSegmentStarted(LongConsumer listener) {
            this.segmentStarted = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The log's segment indexes, shared with its readers: the writer fills the active segment's and writes
         * each segment's index file when it seals the segment.
         */
        public Builder indexes(SegmentIndexes shared) {
            this.indexes = Objects.requireNonNull(shared, "indexes");
            return this;
        }

        public WriterSetup build() {
            return new WriterSetup(this);
        }
    }
}
