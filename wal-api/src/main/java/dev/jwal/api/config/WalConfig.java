package dev.jwal.api.config;

import dev.jwal.api.CheckpointListener;
import dev.jwal.api.LogProblem;
import dev.jwal.api.SegmentListener;
import dev.jwal.api.codec.Codecs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything a log needs to open: an immutable value, made only by a {@link Builder} from
 * {@link #builder(Path)} or {@link #toBuilder()}, so that a new option never breaks a caller.
 *
 * <p>Two configurations are equal when every component is equal (the listeners by their own
 * {@code equals}, usually identity). Instances are immutable and thread safe; the listeners they
 * hold are called from the log's threads and must be thread safe themselves.
 */
public final class WalConfig {

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

    private final Path directory;
    private final String codec;
    private final SegmentFormat format;
    private final long segmentSize;
    private final SyncPolicy syncPolicy;
    private final RecoveryMode recoveryMode;
    private final long checkpointThreshold;
    private final int maxRecordSize;
    private final CheckpointListener checkpointListener;
    private final Consumer<LogProblem> problemListener;
    private final Duration slowSyncThreshold;
    private final boolean preallocate;
    private final boolean mappedWrites;
    private final RetentionPolicy retentionPolicy;
    private final List<SegmentListener> segmentListeners;

    /** Validates every component; only {@link Builder#build()} calls it. */
    private WalConfig(
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
            boolean preallocate,
            boolean mappedWrites,
            RetentionPolicy retentionPolicy,
            List<SegmentListener> segmentListeners) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(syncPolicy, "syncPolicy");
        Objects.requireNonNull(recoveryMode, "recoveryMode");
        Objects.requireNonNull(checkpointListener, "checkpointListener");
        Objects.requireNonNull(problemListener, "problemListener");
        Objects.requireNonNull(slowSyncThreshold, "slowSyncThreshold");
        Objects.requireNonNull(retentionPolicy, "retentionPolicy");
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
        this.directory = directory;
        this.codec = codec;
        this.format = format;
        this.segmentSize = segmentSize;
        this.syncPolicy = syncPolicy;
        this.recoveryMode = recoveryMode;
        this.checkpointThreshold = checkpointThreshold;
        this.maxRecordSize = maxRecordSize;
        this.checkpointListener = checkpointListener;
        this.problemListener = problemListener;
        this.slowSyncThreshold = slowSyncThreshold;
        if (mappedWrites && !preallocate) {
            throw new IllegalArgumentException("mapped writes go into preallocated room: they need "
                    + "preallocation");
        }
        this.preallocate = preallocate;
        this.mappedWrites = mappedWrites;
        this.retentionPolicy = retentionPolicy;
        this.segmentListeners = List.copyOf(segmentListeners);
    }

    /** {@return the log directory; created if missing} */
    public Path directory() {
        return directory;
    }

    /** {@return the name of the codec new records are written with} */
    public String codec() {
        return codec;
    }

    /** {@return the segment format new segments are written in} */
    public SegmentFormat format() {
        return format;
    }

    /**
     * {@return the size in bytes after which a new segment starts; a record is never split, so a segment may
     *         exceed this by one record; 0 puts every record in its own segment}
     */
    public long segmentSize() {
        return segmentSize;
    }

    /** {@return when appended records are forced to stable storage} */
    public SyncPolicy syncPolicy() {
        return syncPolicy;
    }

    /** {@return how damaged records are treated when the log is opened and read} */
    public RecoveryMode recoveryMode() {
        return recoveryMode;
    }

    /**
     * {@return the number of entries appended since the last checkpoint at which {@link #checkpointListener()}
     *         is told a checkpoint is due}
     */
    public long checkpointThreshold() {
        return checkpointThreshold;
    }

    /**
     * {@return the largest payload, in bytes, that may be written or read; bounds the memory a damaged file
     *         can make a reader allocate}
     */
    public int maxRecordSize() {
        return maxRecordSize;
    }

    /** {@return the listener told when {@link #checkpointThreshold()} is reached} */
    public CheckpointListener checkpointListener() {
        return checkpointListener;
    }

    /**
     * {@return the listener told of every torn tail cut off, record skipped or transaction marker ignored, in
     *         addition to the WARN log line; and of every segment listener failure and retention failure (logged
     *         at ERROR)}
     */
    public Consumer<LogProblem> problemListener() {
        return problemListener;
    }

    /**
     * {@return the duration past which a force of a segment is logged at WARN and counted in
     *         {@link dev.jwal.api.SyncLatency#slowCount()}}
     */
    public Duration slowSyncThreshold() {
        return slowSyncThreshold;
    }

    /**
     * {@return whether a new segment is extended to {@link #segmentSize()} at once, so that the forces of
     *         appends inside it change no file size (see {@link Builder#preallocate(boolean)})}
     */
    public boolean preallocate() {
        return preallocate;
    }

    /**
     * {@return whether appends into a segment's preallocated room are memory copies into a shared mapping of
     *         it rather than write calls (see {@link Builder#mappedWrites(boolean)}); off by default}
     */
    public boolean mappedWrites() {
        return mappedWrites;
    }

    /**
     * {@return which old segments the log deletes after each checkpoint; never one holding a record after the
     *         last checkpoint nor one a segment listener has not returned for (see {@link RetentionPolicy})}
     */
    public RetentionPolicy retentionPolicy() {
        return retentionPolicy;
    }

    /**
     * {@return the listeners told of each finished segment, in this order, on the log's maintenance thread (see
     *         {@link SegmentListener}); an unmodifiable list, empty by default}
     */
    public List<SegmentListener> segmentListeners() {
        return segmentListeners;
    }

    /** Equal when every component is equal. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof WalConfig that)) {
            return false;
        }
        return segmentSize == that.segmentSize
                && checkpointThreshold == that.checkpointThreshold
                && maxRecordSize == that.maxRecordSize
                && preallocate == that.preallocate
                && mappedWrites == that.mappedWrites
                && directory.equals(that.directory)
                && codec.equals(that.codec)
                && format == that.format
                && syncPolicy.equals(that.syncPolicy)
                && recoveryMode == that.recoveryMode
                && checkpointListener.equals(that.checkpointListener)
                && problemListener.equals(that.problemListener)
                && slowSyncThreshold.equals(that.slowSyncThreshold)
                && retentionPolicy.equals(that.retentionPolicy)
                && segmentListeners.equals(that.segmentListeners);
    }

    /** A hash of every component. */
    @Override
    public int hashCode() {
        return Objects.hash(directory, codec, format, segmentSize, syncPolicy, recoveryMode, checkpointThreshold,
                maxRecordSize, checkpointListener, problemListener, slowSyncThreshold, preallocate, mappedWrites,
                retentionPolicy, segmentListeners);
    }

    /** Every component, for logs: {@code WalConfig[directory=..., codec=..., ...]}. */
    @Override
    public String toString() {
        return "WalConfig[directory=" + directory + ", codec=" + codec + ", format=" + format
                + ", segmentSize=" + segmentSize + ", syncPolicy=" + syncPolicy + ", recoveryMode=" + recoveryMode
                + ", checkpointThreshold=" + checkpointThreshold + ", maxRecordSize=" + maxRecordSize
                + ", checkpointListener=" + checkpointListener + ", problemListener=" + problemListener
                + ", slowSyncThreshold=" + slowSyncThreshold + ", preallocate=" + preallocate
                + ", mappedWrites=" + mappedWrites
                + ", retentionPolicy=" + retentionPolicy + ", segmentListeners=" + segmentListeners + "]";
    }

    /**
     * A builder with the defaults: json in the lines format, 64 MiB segments, every-write,
     * truncate-torn-tail, checkpoint threshold 10,000, 64 MiB record limit, slow-sync warning at 1 s,
     * framed segments preallocated unless the sync policy is manual, every segment kept, no segment listener.
     *
     * @param directory the log directory; created when the log opens if missing
     * @return a new builder, which is not thread safe
     * @throws NullPointerException if {@code directory} is null
     */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /**
     * Whether {@code format} under {@code syncPolicy} preallocates unless told: framed segments forced by the
     * policy itself (every write, every n writes, every interval). Under manual sync forces are rare, and
     * preallocation measured no faster (see the README's benchmarks).
     *
     * @param format     the segment format
     * @param syncPolicy the sync policy
     * @return true for the framed format under every policy but manual
     */
    public static boolean preallocatesByDefault(SegmentFormat format, SyncPolicy syncPolicy) {
        return format == SegmentFormat.FRAMED && !(syncPolicy instanceof SyncPolicy.Manual);
    }

    /**
     * A builder starting from this configuration. Preallocation is carried over only where it differs from
     * the default, so that changing the format or the sync policy alone keeps the new default.
     *
     * @return a new builder holding this configuration's components
     */
    public Builder toBuilder() {
        Builder builder = new Builder(directory);
        if (preallocate != (mappedWrites || preallocatesByDefault(format, syncPolicy))) {
            builder.preallocate(preallocate);
        }
        builder.mappedWrites(mappedWrites);
        segmentListeners.forEach(builder::segmentListener);
        return builder
                .retentionPolicy(retentionPolicy)
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
        private boolean mappedWrites;
        private RetentionPolicy retentionPolicy = RetentionPolicy.keepAll();
        private final List<SegmentListener> segmentListeners = new ArrayList<>();

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /**
         * The codec new records are written with; default {@code json}.
         *
         * @param codec the codec's name, as {@link dev.jwal.api.codec.Codecs#byName(String)} knows it
         * @return this builder
         */
        public Builder codec(String codec) {
            this.codec = codec;
            return this;
        }

        /**
         * The format of new segments; default {@link SegmentFormat#defaultFor(String) lines for json, else framed}.
         *
         * @param format the segment format, or null for the codec's default
         * @return this builder
         */
        public Builder format(SegmentFormat format) {
            this.format = format;
            return this;
        }

        /**
         * Bytes after which a new segment starts; default 64 MiB.
         *
         * @param segmentSize bytes, 0 or more
         * @return this builder
         */
        public Builder segmentSize(long segmentSize) {
            this.segmentSize = segmentSize;
            return this;
        }

        /**
         * When appended records are forced to stable storage; default {@link SyncPolicy#everyWrite()}.
         *
         * @param syncPolicy the sync policy
         * @return this builder
         */
        public Builder syncPolicy(SyncPolicy syncPolicy) {
            this.syncPolicy = syncPolicy;
            return this;
        }

        /**
         * How damaged records are treated on open and read; default {@link RecoveryMode#TRUNCATE_TORN_TAIL}.
         *
         * @param recoveryMode the recovery mode
         * @return this builder
         */
        public Builder recoveryMode(RecoveryMode recoveryMode) {
            this.recoveryMode = recoveryMode;
            return this;
        }

        /**
         * Entries since the last checkpoint at which the checkpoint listener is called; default 10,000.
         *
         * @param checkpointThreshold entries, 1 or more
         * @return this builder
         */
        public Builder checkpointThreshold(long checkpointThreshold) {
            this.checkpointThreshold = checkpointThreshold;
            return this;
        }

        /**
         * The largest payload in bytes; default 64 MiB, at most 1 GiB.
         *
         * @param maxRecordSize bytes, from 1 to {@link WalConfig#MAX_MAX_RECORD_SIZE}
         * @return this builder
         */
        public Builder maxRecordSize(int maxRecordSize) {
            this.maxRecordSize = maxRecordSize;
            return this;
        }

        /**
         * Told when the checkpoint threshold is reached; default none.
         *
         * @param checkpointListener the listener; must be thread safe
         * @return this builder
         */
        public Builder checkpointListener(CheckpointListener checkpointListener) {
            this.checkpointListener = checkpointListener;
            return this;
        }

        /**
         * Told of every problem found while reading; default none (problems are logged at WARN anyway).
         *
         * @param problemListener the listener; must be thread safe
         * @return this builder
         */
        public Builder problemListener(Consumer<LogProblem> problemListener) {
            this.problemListener = problemListener;
            return this;
        }

        /**
         * Forces slower than this are logged at WARN and counted; default 1 s, must be positive.
         *
         * @param slowSyncThreshold a positive duration
         * @return this builder
         */
        public Builder slowSyncThreshold(Duration slowSyncThreshold) {
            this.slowSyncThreshold = slowSyncThreshold;
            return this;
        }

        /**
         * Whether each new segment is extended (sparsely, with zeros) to {@code segmentSize} when it is
         * created: a force after an append then has no file size to commit, which makes every-write appends
         * faster (see the README's benchmarks). The unused room is given back when the segment is full or the
         * log closes; after a crash the readers of both formats tell zeros that run to the end of a segment
         * from records (a lines segment left so reads, in the reference too, as its lines and then one line
         * of zeros, which the reference passes over). Default:
         * {@link WalConfig#preallocatesByDefault(SegmentFormat, SyncPolicy) on for the framed format unless
         * the sync policy is manual}, off for the lines format; on when {@link #mappedWrites} is.
         *
         * @param preallocate true to preallocate
         * @return this builder
         */
        public Builder preallocate(boolean preallocate) {
            this.preallocate = preallocate;
            return this;
        }

        /**
         * Whether appends into a segment's preallocated room are memory copies into a shared mapping of
         * the segment instead of {@code write} calls; default false. It changes how bytes reach the kernel's
         * page cache, not when they are durable: an append's bytes are in the page cache when it returns, so
         * a killed process loses nothing, and each sync policy forces them when it always does (a force
         * covers the range written since the last one). The segment on disk is the same, byte for byte. Room
         * is filled with zeros by ordinary writes ahead of the copies, so a full disk fails an append with an
         * error rather than faulting the process. It pays under manual, interval and periodic sync (no system
         * call per append); under every-write it measured slower. Only segments on file systems that overwrite
         * in place (ext4, xfs, tmpfs) are mapped; elsewhere appends are written as without it. Turns
         * preallocation on unless it is set; works for both formats. A segment is mapped 1 MiB at a time.
         * See docs/durability.md.
         *
         * @param mappedWrites true to write through a mapping
         * @return this builder
         */
        public Builder mappedWrites(boolean mappedWrites) {
            this.mappedWrites = mappedWrites;
            return this;
        }

        /**
         * Which old segments the log deletes after each checkpoint; default {@link RetentionPolicy#keepAll()},
         * which deletes nothing. Segments holding records after the last checkpoint, the active segment and
         * segments a listener has not returned for are never deleted, whatever the policy.
         *
         * @param retentionPolicy the policy
         * @return this builder
         */
        public Builder retentionPolicy(RetentionPolicy retentionPolicy) {
            this.retentionPolicy = retentionPolicy;
            return this;
        }

        /**
         * Adds a listener told of each finished segment, after those added before; default none. It runs on
         * the log's maintenance thread, never on an appending one (see {@link SegmentListener}).
         *
         * @param segmentListener the listener; must be thread safe if it is shared between logs
         * @return this builder
         * @throws NullPointerException if {@code segmentListener} is null
         */
        public Builder segmentListener(SegmentListener segmentListener) {
            segmentListeners.add(Objects.requireNonNull(segmentListener, "segmentListener"));
            return this;
        }

        /**
         * Validates the components and makes the configuration.
         *
         * @return a new immutable configuration
         * @throws NullPointerException     if a component was set to null
         * @throws IllegalArgumentException if a number is out of range, with the value and the range, or the
         *                                  lines format is chosen for a codec other than json, or mapped
         *                                  writes without preallocation
         */
        public WalConfig build() {
            SegmentFormat chosen = format != null ? format : SegmentFormat.defaultFor(codec);
            boolean reserve = preallocate != null ? preallocate
                    : mappedWrites || preallocatesByDefault(chosen, syncPolicy);
            return new WalConfig(directory, codec, chosen, segmentSize, syncPolicy, recoveryMode, checkpointThreshold,
                    maxRecordSize, checkpointListener, problemListener, slowSyncThreshold, reserve, mappedWrites,
                    retentionPolicy, segmentListeners);
        }
    }
}
