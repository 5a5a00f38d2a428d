package dev.jwal.core;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.error.CorruptLogException;
import dev.jwal.api.error.WalException;
import dev.jwal.core.segment.CheckpointFile;
import dev.jwal.core.segment.DirectoryLock;
import dev.jwal.core.segment.SegmentName;
import dev.jwal.core.segment.TxnBoundaryFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Nothing the log writes, cuts or reads resolves through a symbolic link to a file outside its directory. */
class SymlinksAreNeverFollowedTest {
    private static final String OUTSIDE = "precious data outside the log\n";

    @TempDir
    Path root;
    Path dir;
    Path outside;
    FileTime outsideModified;

    @BeforeEach
    void logBesideAFileItMustNeverTouch() throws Exception {
        dir = root.resolve("log");
        outside = root.resolve("outside.txt");
        Files.writeString(outside, OUTSIDE);
        outsideModified = Files.getLastModifiedTime(outside);
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("a", 1f));
        }
    }

    private void assertOutsideUntouched() throws Exception {
        assertThat(Files.readString(outside)).isEqualTo(OUTSIDE);
        assertThat(Files.getLastModifiedTime(outside)).isEqualTo(outsideModified);
    }

    @Test
    void aSegmentNameThatIsALinkIsRefusedByName() throws Exception {
        Path link = dir.resolve(SegmentName.of(5));
        Files.createSymbolicLink(link, outside);
        assertThatThrownBy(() -> Wal.open(config(dir).build())).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining(link.toString()).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> LogInspector.open(dir, RecoveryMode.SKIP_CORRUPT, p -> { }).verify())
                .isInstanceOf(CorruptLogException.class).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> LogRepair.repair(dir)).isInstanceOf(CorruptLogException.class);
        assertOutsideUntouched();
    }

    @Test
    void aTemporaryNameThatIsALinkIsNeitherWrittenThroughNorReplaced() throws Exception {
        Path boundaryTemporary = dir.resolve(TxnBoundaryFile.FILE_NAME + ".tmp");
        Path checkpointTemporary = dir.resolve(CheckpointFile.FILE_NAME + ".tmp");
        Files.createSymbolicLink(boundaryTemporary, outside);
        Files.createSymbolicLink(checkpointTemporary, outside);
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("b", 2f));
            assertThatThrownBy(log::checkpoint).isInstanceOf(WalException.class)
                    .hasMessageContaining(checkpointTemporary.toString());
        }
        assertThat(Files.isSymbolicLink(boundaryTemporary)).isTrue();
        assertOutsideUntouched();
    }

    @Test
    void aCheckpointFileThatIsALinkIsReportedAsDamaged() throws Exception {
        Files.createSymbolicLink(dir.resolve(CheckpointFile.FILE_NAME), outside);
        assertThatThrownBy(() -> Wal.open(config(dir).build())).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("not a regular file");
        assertOutsideUntouched();
    }

    @Test
    void aLockFileThatIsALinkIsRefused() throws Exception {
        Files.delete(dir.resolve(DirectoryLock.FILE_NAME));
        Files.createSymbolicLink(dir.resolve(DirectoryLock.FILE_NAME), outside);
        assertThatThrownBy(() -> Wal.open(config(dir).build())).isInstanceOf(WalException.class)
                .hasMessageContaining(DirectoryLock.FILE_NAME);
        assertOutsideUntouched();
    }

    @Test
    void aSideFileNameTakenByALinkIsPassedOverForAFreeOne() throws Exception {
        Path segment = TestLogs.lastSegment(dir);
        long size = Files.size(segment);
        String damagedTail = "1|{\"Upsert\":\u0000\u0000\u0000}\n2|{\"DeleteNamespace\":{\"namespace\":\"ns\"}}\n";
        TestLogs.appendBytes(segment, damagedTail);
        Path taken = segment.resolveSibling(segment.getFileName() + ".cut-" + size);
        Files.createSymbolicLink(taken, outside);
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThat(log.append(upsert("c", 3f))).isEqualTo(1);
        }
        assertOutsideUntouched();
        Path copy = taken.resolveSibling(taken.getFileName() + ".1");
        assertThat(Files.readString(copy, StandardCharsets.UTF_8)).isEqualTo(damagedTail);
    }
}
