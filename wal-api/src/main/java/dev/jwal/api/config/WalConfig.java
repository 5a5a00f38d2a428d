package dev.jwal.api.config;

import dev.jwal.api.CheckpointListener;
import dev.jwal.api.LogProblem;
import dev.jwal.api.codec.Codecs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything a log needs to open: an immutable value built with {@link #builder(Path)}.
 *
 * @param directory           the log directory; created if missing
 * @param codec               the name of the codec new records are written with
 * @param format              the segment format new segments are written in
 * @param segmentSize         bytes after which a new segment starts; a record is never split, so a
 *                            segment may exceed this by one record; 0 puts every record in its own segment
 * @param syncPolicy          when appended records are forced to stable storage
 * @param recoveryMode        how damaged records are treated when the log is opened and read
 * @param checkpointThreshold entries appended since the last checkpoint at which
 *                            {@code checkpointListener} is told a checkpoint is due
 * @param maxRecordSize       the largest payload, in bytes, that may be written or read; bounds the
 *                            memory a damaged file can make a reader allocate
 * @param checkpointListener  told when {@code checkpointThreshold} is reached
 * @param problemListener     told of every torn tail cut off, record skipped or transaction marker ignored,
 *                            in addition to the WARN log line
 * @param slowSyncThreshold   a force of a segment taking longer than this is logged at WARN and counted in
 *                            {@link dev.jwal.api.SyncLatency#slowCount()}
 * @param preallocate         whether a new framed segment is extended to {@code segmentSize} at once, so that
 *                            the forces of appends inside it change no file size (see
 *                            {@link Builder#preallocate(boolean)}); never for the lines format
 */
public record WalConfig(
        Path directory,
        String codec,
        SegmentFormat format,
        long segmentSize,
        SyncPolicy syncPolicy,
        RecoveryMode recoveryMode,
        long checkpointThreshold,
        int maxRecordSize,
        CheckpointListener checkpointListener,
        Consumer<LogProblem> problemListener,
        Duration slowSyncThreshold,
        boolean preallocate) {

    /** 64 MiB, the reference's default. */
    public static final long DEFAULT_SEGMENT_SIZE = 64L * 1024 * 1024;
    /** 10,000 entries. */
    public static final long DEFAULT_CHECKPOINT_THRESHOLD = 10_000;
    /** 64 MiB. */
    public static final int DEFAULT_MAX_RECORD_SIZE = 64 * 1024 * 1024;
    /** The largest accepted {@code maxRecordSize}: 1 GiB. */
    public static final int MAX_MAX_RECORD_SIZE = 1 << 30;
    /** One second, the threshold at which etcd and ZooKeeper warn about a slow fsync. */
    public static final Duration DEFAULT_SLOW_SYNC_THRESHOLD = Duration.ofSeconds(1);

    /** Validates every component; prefer {@link #builder(Path)}. */
    public WalConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(syncPolicy, "syncPolicy");
        Objects.requireNonNull(recoveryMode, "recoveryMode");
        Objects.requireNonNull(checkpointListener, "checkpointListener");
        Objects.requireNonNull(problemListener, "problemListener");
        Objects.requireNonNull(slowSyncThreshold, "slowSyncThreshold");
        if (codec.isBlank()) {
            throw new IllegalArgumentException("codec name must not be blank");
        }
        if (format == SegmentFormat.LINES && !codec.equals(Codecs.DEFAULT_CODEC)) {
            throw new IllegalArgumentException("the lines format holds only the '" + Codecs.DEFAULT_CODEC
                    + "' codec, not '" + codec + "'; use the framed format");
        }
        if (segmentSize < 0) {
            throw new IllegalArgumentException(String.format("segmentSize must be >= 0, was %,d", segmentSize));
        }
        if (checkpointThreshold < 1) {
            throw new IllegalArgumentException(
                    String.format("checkpointThreshold must be >= 1, was %,d", checkpointThreshold));
        }
        if (maxRecordSize < 1 || maxRecordSize > MAX_MAX_RECORD_SIZE) {
            throw new IllegalArgumentException(String.format(
                    "maxRecordSize must be between 1 and %,d bytes, was %,d", MAX_MAX_RECORD_SIZE, maxRecordSize));
        }
        if (slowSyncThreshold.isNegative() || slowSyncThreshold.isZero()) {
            throw new IllegalArgumentException("slowSyncThreshold must be positive, was " + slowSyncThreshold);
        }
        if (preallocate && format == SegmentFormat.LINES) {
            throw new IllegalArgumentException("the lines format cannot be preallocated: a reader of the "
                    + "reference format would take the reserved zeros for a damaged record; use the framed format");
        }
    }

    /**
     * A builder with the defaults: json in the lines format, 64 MiB segments, every-write,
     * truncate-torn-tail, checkpoint threshold 10,000, 64 MiB record limit, slow-sync warning at 1 s,
     * framed segments preallocated unless the sync policy is manual.
     */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /**
     * Whether {@code format} under {@code syncPolicy} preallocates unless told: framed segments forced by the
     * policy itself (every write, every n writes, every interval). Under manual sync forces are rare, and
     * preallocation measured no faster (see the README's benchmarks).
     */
    public static boolean preallocatesByDefault(SegmentFormat format, SyncPolicy syncPolicy) {
        return format == SegmentFormat.FRAMED && !(syncPolicy instanceof SyncPolicy.Manual);
    }

    /**
     * A builder starting from this configuration. Preallocation is carried over only where it differs from
     * the default, so that changing the format or the sync policy alone keeps the new default.
     */
    public Builder toBuilder() {
        Builder builder = new Builder(directory);
        if (preallocate != preallocatesByDefault(format, syncPolicy)) {
            builder.preallocate(preallocate);
        }
        return builder
                .codec(codec)
                .format(format)
                .segmentSize(segmentSize)
                .syncPolicy(syncPolicy)
                .recoveryMode(recoveryMode)
                .checkpointThreshold(checkpointThreshold)
                .maxRecordSize(maxRecordSize)
                .checkpointListener(checkpointListener)
                .problemListener(problemListener)
                .slowSyncThreshold(slowSyncThreshold);
    }

    /** Builds a {@link WalConfig}; not thread safe. Validation happens in {@link #build()}. */
    public static final class Builder {
        private final Path directory;
        private String codec = Codecs.DEFAULT_CODEC;
        private SegmentFormat format;
        private long segmentSize = DEFAULT_SEGMENT_SIZE;
        private SyncPolicy syncPolicy = SyncPolicy.everyWrite();
        private RecoveryMode recoveryMode = RecoveryMode.TRUNCATE_TORN_TAIL;
        private long checkpointThreshold = DEFAULT_CHECKPOINT_THRESHOLD;
        private int maxRecordSize = DEFAULT_MAX_RECORD_SIZE;
        private CheckpointListener checkpointListener = CheckpointListener.NONE;
        private Consumer<LogProblem> problemListener = problem -> { };
        private Duration slowSyncThreshold = DEFAULT_SLOW_SYNC_THRESHOLD;
        private Boolean preallocate;

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /** The codec new records are written with; default {@code json}. */
        public Builder codec(String codec) {
            this.codec = codec;
            return this;
        }

        /** The format of new segments; default {@link SegmentFormat#defaultFor(String) lines for json, else framed}. */
        public Builder format(SegmentFormat format) {
            this.format = format;
            return this;
        }

        /** Bytes after which a new segment starts; default 64 MiB. */
        public Builder segmentSize(long segmentSize) {
            this.segmentSize = segmentSize;
            return this;
        }

        /** Default {@link SyncPolicy#everyWrite()}. */
        public Builder syncPolicy(SyncPolicy syncPolicy) {
            this.syncPolicy = syncPolicy;
            return this;
        }

        /** Default {@link RecoveryMode#TRUNCATE_TORN_TAIL}. */
        public Builder recoveryMode(RecoveryMode recoveryMode) {
            this.recoveryMode = recoveryMode;
            return this;
        }

        /** Entries since the last checkpoint at which the checkpoint listener is called; default 10,000. */
        public Builder checkpointThreshold(long checkpointThreshold) {
            this.checkpointThreshold = checkpointThreshold;
            return this;
        }

        /** The largest payload in bytes; default 64 MiB, at most 1 GiB. */
        public Builder maxRecordSize(int maxRecordSize) {
            this.maxRecordSize = maxRecordSize;
            return this;
        }

        /** Told when the checkpoint threshold is reached; default none. */
        public Builder checkpointListener(CheckpointListener checkpointListener) {
            this.checkpointListener = checkpointListener;
            return this;
        }

        /** Told of every problem found while reading; default none (problems are logged at WARN anyway). */
        public Builder problemListener(Consumer<LogProblem> problemListener) {
            this.problemListener = problemListener;
            return this;
        }

        /** Forces slower than this are logged at WARN and counted; default 1 s, must be positive. */
        public Builder slowSyncThreshold(Duration slowSyncThreshold) {
            this.slowSyncThreshold = slowSyncThreshold;
            return this;
        }

        /**
         * Whether each new framed segment is extended (sparsely, with zeros) to {@code segmentSize} when it
         * is created: a force after an append then has no file size to commit, which makes every-write
         * appends faster (see the README's benchmarks). The unused room is given back when the segment is
         * full or the log closes; after a crash the framed reader tells the zeros from records. Default:
         * {@link WalConfig#preallocatesByDefault(SegmentFormat, SyncPolicy) on for the framed format unless
         * the sync policy is manual}; the lines
         * format cannot be preallocated.
         */
        public Builder preallocate(boolean preallocate) {
            this.preallocate = preallocate;
            return this;
        }

        /**
         * @throws NullPointerException     if a component was set to null
         * @throws IllegalArgumentException if a number is out of range, with the value and the range, or the
         *                                  lines format is chosen for a codec other than json or with
         *                                  preallocation
         */
        public WalConfig build() {
            SegmentFormat chosen = format != null ? format : SegmentFormat.defaultFor(codec);
            boolean reserve = preallocate != null ? preallocate : preallocatesByDefault(chosen, syncPolicy);
            return new WalConfig(directory, codec, chosen, segmentSize, syncPolicy, recoveryMode, checkpointThreshold,
                    maxRecordSize, checkpointListener, problemListener, slowSyncThreshold, reserve);
        }
    }
}
