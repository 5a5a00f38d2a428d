package dev.jwal.core;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.core.segment.CheckpointFile;
import dev.jwal.core.segment.TxnBoundaryFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The checkpoint and transaction-boundary files are read only as regular files and never beyond the size
 * their one-line format can have: a huge file costs no memory, a FIFO never blocks a reader.
 */
class MetadataFilesAreReadWithinBoundsTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @BeforeEach
    void logWithTwoRecords() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("a", 1f));
            log.append(upsert("b", 2f));
        }
    }

    @Test
    void aHugeTransactionBoundaryIsIgnoredAsDamagedWithoutBeingRead() throws Exception {
        makeSparse(dir.resolve(TxnBoundaryFile.FILE_NAME), 3L << 30);
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThat(log.append(upsert("c", 3f))).isEqualTo(2);
        }
    }

    @Test
    void aHugeCheckpointFileIsReportedAsDamaged() throws Exception {
        makeSparse(dir.resolve(CheckpointFile.FILE_NAME), 3L << 30);
        assertThatThrownBy(() -> Wal.open(config(dir).build())).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("bytes long");
    }

    @Test
    void aFifoNamedCheckpointNeverBlocksVerifyOrTheWriter() throws Exception {
        Path fifo = dir.resolve(CheckpointFile.FILE_NAME);
        assumeTrue(mkfifo(fifo), "mkfifo is not available");
        assertTimeoutPreemptively(PROMPTLY, () -> {
            assertThatThrownBy(() -> LogInspector.open(dir, RecoveryMode.TRUNCATE_TORN_TAIL, p -> { }))
                    .isInstanceOf(CorruptLogException.class).hasMessageContaining("not a regular file");
            assertThatThrownBy(() -> Wal.open(config(dir).build())).isInstanceOf(CorruptLogException.class);
        });
    }

    @Test
    void aFifoNamedTxnBoundaryIsIgnoredAndNeverBlocks() throws Exception {
        assumeTrue(mkfifo(dir.resolve(TxnBoundaryFile.FILE_NAME)), "mkfifo is not available");
        assertTimeoutPreemptively(PROMPTLY, () -> {
            try (WriteAheadLog log = Wal.open(config(dir).build())) {
                assertThat(log.append(upsert("c", 3f))).isEqualTo(2);
            }
        });
    }

    private static void makeSparse(Path file, long length) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
    }

    static boolean mkfifo(Path path) throws Exception {
        Files.deleteIfExists(path);
        try {
            Process process = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
            return process.waitFor() == 0 && Files.exists(path);
        } catch (java.io.IOException noMkfifo) {
            return false;
        }
    }
}
