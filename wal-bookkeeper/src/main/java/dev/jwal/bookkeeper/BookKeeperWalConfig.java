package dev.jwal.bookkeeper;

import dev.jwal.api.codec.Codecs;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything a {@link BookKeeperWal} needs to open: which cluster, which log, how it is replicated, which codec.
 * Made by {@link #builder(String, String)}; every component is validated there, with the defaults documented on
 * the builder's methods. Immutable and thread safe.
 *
 * @param zooKeeper           the cluster's ZooKeeper, {@code host:port[,host:port...]}
 * @param ledgersRoot         where BookKeeper keeps its ledgers' metadata in ZooKeeper (its default {@code /ledgers})
 * @param logsRoot            where jwal keeps one znode per log ({@code /jwal/logs})
 * @param logName             the log's name: letters, digits, {@code -} and {@code _}, 1 to 128 of them
 * @param ensembleSize        bookies each ledger is spread over
 * @param writeQuorumSize     bookies each entry is written to
 * @param ackQuorumSize       bookies that must have an entry in their fsynced journal before it is acknowledged
 * @param codec               the codec new records are written with
 * @param maxEntryBytes       the largest BookKeeper entry written; a record, or a transaction, must fit in one
 * @param ledgerRolloverBytes a new ledger is started once the current one holds this many bytes
 * @param operationTimeout    how long an add, a read or a metadata update may take before it fails
 * @param sessionTimeout      the ZooKeeper session timeout; a session lost for longer fails the log
 * @param continueOnAckQuorum keep writing to a ledger whose ensemble lost bookies as long as the ack quorum
 *                            still answers, instead of replacing them (BookKeeper's {@code delayEnsembleChange})
 * @param slowAddThreshold    an append whose ack took longer is counted slow in the stats and logged
 */
public record BookKeeperWalConfig(
        String zooKeeper,
        String ledgersRoot,
        String logsRoot,
        String logName,
        int ensembleSize,
        int writeQuorumSize,
        int ackQuorumSize,
        String codec,
        int maxEntryBytes,
        long ledgerRolloverBytes,
        Duration operationTimeout,
        Duration sessionTimeout,
        boolean continueOnAckQuorum,
        Duration slowAddThreshold) {

    /** Ensemble, write quorum and ack quorum by default: three copies, acknowledged by two. */
    public static final int DEFAULT_ENSEMBLE = 3;
    /** See {@link #DEFAULT_ENSEMBLE}. */
    public static final int DEFAULT_WRITE_QUORUM = 3;
    /** See {@link #DEFAULT_ENSEMBLE}. */
    public static final int DEFAULT_ACK_QUORUM = 2;
    /** 4 MiB: under the 5 MB frame BookKeeper's client and bookies accept by default. */
    public static final int DEFAULT_MAX_ENTRY_BYTES = 4 * 1024 * 1024;
    /** The largest {@code maxEntryBytes}: BookKeeper's default frame limit, less room for its own header. */
    public static final int MAX_MAX_ENTRY_BYTES = 5 * 1024 * 1024 - 64 * 1024;
    /** 64 MiB, as the segments of a log directory. */
    public static final long DEFAULT_LEDGER_ROLLOVER_BYTES = 64L * 1024 * 1024;

    private static final Pattern LOG_NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern ZK_PATH = Pattern.compile("(/[A-Za-z0-9_.-]+)+");
    private static final Pattern HOST_PORT = Pattern.compile("[^,/\\s]+:\\d{1,5}(,[^,/\\s]+:\\d{1,5})*");

    /**
     * Checks every component.
     *
     * @throws IllegalArgumentException naming the component and the value, when one is out of range
     * @throws NullPointerException     if a component is null
     */
    public BookKeeperWalConfig {
        Objects.requireNonNull(zooKeeper, "zooKeeper");
        Objects.requireNonNull(ledgersRoot, "ledgersRoot");
        Objects.requireNonNull(logsRoot, "logsRoot");
        Objects.requireNonNull(logName, "logName");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(operationTimeout, "operationTimeout");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(slowAddThreshold, "slowAddThreshold");
        checkLogName(logName);
        if (!HOST_PORT.matcher(zooKeeper).matches()) {
            throw new IllegalArgumentException("zooKeeper must be host:port[,host:port...], was '" + zooKeeper + "'");
        }
        for (String root : new String[] {ledgersRoot, logsRoot}) {
            if (!ZK_PATH.matcher(root).matches()) {
                throw new IllegalArgumentException("a ZooKeeper root must be an absolute path such as /ledgers, was '"
                        + root + "'");
            }
        }
        if (ackQuorumSize < 1 || ackQuorumSize > writeQuorumSize || writeQuorumSize > ensembleSize) {
            throw new IllegalArgumentException(String.format("need 1 <= ack quorum <= write quorum <= ensemble, was "
                    + "ack quorum %d, write quorum %d, ensemble %d", ackQuorumSize, writeQuorumSize, ensembleSize));
        }
        if (codec.isBlank()) {
            throw new IllegalArgumentException("codec name must not be blank");
        }
        if (maxEntryBytes < 1024 || maxEntryBytes > MAX_MAX_ENTRY_BYTES) {
            throw new IllegalArgumentException(String.format("maxEntryBytes must be between 1,024 and %,d, was %,d",
                    MAX_MAX_ENTRY_BYTES, maxEntryBytes));
        }
        if (ledgerRolloverBytes < maxEntryBytes) {
            throw new IllegalArgumentException(String.format("ledgerRolloverBytes must be at least maxEntryBytes "
                    + "(%,d), was %,d", maxEntryBytes, ledgerRolloverBytes));
        }
        for (Duration duration : new Duration[] {operationTimeout, sessionTimeout, slowAddThreshold}) {
            if (duration.isNegative() || duration.isZero() || duration.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("timeouts and thresholds must be positive milliseconds that fit an "
                        + "int, was " + duration);
            }
        }
    }

    /**
     * Refuses a log name that is not 1 to 128 letters, digits, {@code -} and {@code _}.
     *
     * @param logName the name
     * @throws IllegalArgumentException naming the rule
     */
    public static void checkLogName(String logName) {
        if (!LOG_NAME.matcher(logName).matches()) {
            throw new IllegalArgumentException("a log name is 1 to 128 letters, digits, '-' and '_', was '" + logName
                    + "'");
        }
    }

    /**
     * The BookKeeper metadata service URI these settings name.
     *
     * @return e.g. {@code zk+null://127.0.0.1:2181/ledgers}
     */
    public String metadataServiceUri() {
        return "zk+null://" + zooKeeper.replace(',', ';') + ledgersRoot;
    }

    /**
     * The znode holding this log's metadata.
     *
     * @return {@code logsRoot/logName}
     */
    public String logPath() {
        return logsRoot + "/" + logName;
    }

    /**
     * The log's location as the {@code wal} command writes it.
     *
     * @return {@code bk://zooKeeper/logName}
     */
    public String location() {
        return "bk://" + zooKeeper + "/" + logName;
    }

    /**
     * A builder with every default, for a log on the cluster whose ZooKeeper is {@code zooKeeper}.
     *
     * @param zooKeeper {@code host:port[,host:port...]}
     * @param logName   letters, digits, {@code -} and {@code _}
     * @return the builder
     */
    public static Builder builder(String zooKeeper, String logName) {
        return new Builder(zooKeeper, logName);
    }

    /**
     * A builder holding these settings.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        return new Builder(zooKeeper, logName).ledgersRoot(ledgersRoot).logsRoot(logsRoot)
                .quorums(ensembleSize, writeQuorumSize, ackQuorumSize).codec(codec).maxEntryBytes(maxEntryBytes)
                .ledgerRolloverBytes(ledgerRolloverBytes).operationTimeout(operationTimeout)
                .sessionTimeout(sessionTimeout).continueOnAckQuorum(continueOnAckQuorum)
                .slowAddThreshold(slowAddThreshold);
    }

    /** Collects the settings; {@link #build()} validates them. Not thread safe. */
    public static final class Builder {
        private final String zooKeeper;
        private final String logName;
        private String ledgersRoot = "/ledgers";
        private String logsRoot = "/jwal/logs";
        private int ensembleSize = DEFAULT_ENSEMBLE;
        private int writeQuorumSize = DEFAULT_WRITE_QUORUM;
        private int ackQuorumSize = DEFAULT_ACK_QUORUM;
        private String codec = Codecs.DEFAULT_CODEC;
        private int maxEntryBytes = DEFAULT_MAX_ENTRY_BYTES;
        private long ledgerRolloverBytes = DEFAULT_LEDGER_ROLLOVER_BYTES;
        private Duration operationTimeout = Duration.ofSeconds(30);
        private Duration sessionTimeout = Duration.ofSeconds(10);
        private boolean continueOnAckQuorum;
        private Duration slowAddThreshold = Duration.ofSeconds(1);

        private Builder(String zooKeeper, String logName) {
            this.zooKeeper = zooKeeper;
            this.logName = logName;
        }

        /**
         * Where BookKeeper keeps ledger metadata; default {@code /ledgers}, BookKeeper's own default.
         *
         * @param path an absolute ZooKeeper path
         * @return this builder
         */
        public Builder ledgersRoot(String path) {
            this.ledgersRoot = path;
            return this;
        }

        /**
         * Where jwal keeps its logs' metadata; default {@code /jwal/logs}.
         *
         * @param path an absolute ZooKeeper path
         * @return this builder
         */
        public Builder logsRoot(String path) {
            this.logsRoot = path;
            return this;
        }

        /**
         * Replication of new ledgers; default 3, 3, 2: every entry on three bookies, acknowledged once two have it
         * in their fsynced journals.
         *
         * @param ensemble    bookies a ledger is spread over
         * @param writeQuorum bookies each entry goes to
         * @param ackQuorum   bookies that must acknowledge an entry
         * @return this builder
         */
        public Builder quorums(int ensemble, int writeQuorum, int ackQuorum) {
            this.ensembleSize = ensemble;
            this.writeQuorumSize = writeQuorum;
            this.ackQuorumSize = ackQuorum;
            return this;
        }

        /**
         * The codec new records are written with; default {@code json}. Each ledger records its codec, so a log
         * may change codec from one writer to the next.
         *
         * @param name a codec name {@link Codecs} finds
         * @return this builder
         */
        public Builder codec(String name) {
            this.codec = name;
            return this;
        }

        /**
         * The largest BookKeeper entry written; default 4 MiB. A batch larger than this is split over several
         * entries; a record or a transaction larger than this is refused.
         *
         * @param bytes 1,024 to {@link #MAX_MAX_ENTRY_BYTES}
         * @return this builder
         */
        public Builder maxEntryBytes(int bytes) {
            this.maxEntryBytes = bytes;
            return this;
        }

        /**
         * A new ledger starts once the current one holds this many bytes; default 64 MiB. Truncation deletes whole
         * ledgers.
         *
         * @param bytes at least {@code maxEntryBytes}
         * @return this builder
         */
        public Builder ledgerRolloverBytes(long bytes) {
            this.ledgerRolloverBytes = bytes;
            return this;
        }

        /**
         * How long an add, a read or a metadata update may take; default 30 s.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder operationTimeout(Duration timeout) {
            this.operationTimeout = timeout;
            return this;
        }

        /**
         * The ZooKeeper session timeout; default 10 s. A writer whose session expires, or that cannot reach
         * ZooKeeper for this long, fails with {@link dev.jwal.api.error.WalFailedException}.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder sessionTimeout(Duration timeout) {
            this.sessionTimeout = timeout;
            return this;
        }

        /**
         * Whether a ledger that lost bookies keeps taking entries while the ack quorum still answers, instead of
         * replacing them with spare bookies first; default false (replace, so every entry gets its write quorum).
         * True lets a cluster of exactly {@code ensemble} bookies keep writing with one down, with fewer copies of
         * what is written meanwhile.
         *
         * @param enabled BookKeeper's {@code delayEnsembleChange}
         * @return this builder
         */
        public Builder continueOnAckQuorum(boolean enabled) {
            this.continueOnAckQuorum = enabled;
            return this;
        }

        /**
         * An append whose ack quorum took longer than this counts as slow and is logged; default 1 s.
         *
         * @param threshold positive
         * @return this builder
         */
        public Builder slowAddThreshold(Duration threshold) {
            this.slowAddThreshold = threshold;
            return this;
        }

        /**
         * The configuration.
         *
         * @return the validated settings
         * @throws IllegalArgumentException naming the first setting out of range
         */
        public BookKeeperWalConfig build() {
            return new BookKeeperWalConfig(zooKeeper, ledgersRoot, logsRoot, logName, ensembleSize, writeQuorumSize,
                    ackQuorumSize, codec, maxEntryBytes, ledgerRolloverBytes, operationTimeout, sessionTimeout,
                    continueOnAckQuorum, slowAddThreshold);
        }
    }
}
