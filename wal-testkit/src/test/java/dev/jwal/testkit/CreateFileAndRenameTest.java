package dev.jwal.testkit;

import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.io.LogFileSystem.AppendableFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seam's {@code createFile} and {@code rename}, which files kept beside the log (wal-storage's snapshots)
 * are written with: on the simulated disk a new name and a rename are undone by a power loss until a
 * directory force covers them, and bytes until a file force does; on the real file system they do what
 * they say.
 */
class CreateFileAndRenameTest {
    @TempDir
    Path dir;
    final SimulatedFileSystem fs = new SimulatedFileSystem();

    private static void write(AppendableFile file, String text) throws IOException {
        file.write(new ByteBuffer[]{ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII))});
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.US_ASCII);
    }

    /** Creates {@code name} holding {@code text}, forced, its name made durable. */
    private void durableFile(String name, String text) throws IOException {
        try (AppendableFile file = fs.createFile(dir.resolve(name))) {
            write(file, text);
            file.force();
        }
        fs.forceDirectory(dir);
    }

    @Test
    void aCreatedFileIsEmptyAndTakesWritesAtOnce() throws IOException {
        try (AppendableFile file = fs.createFile(dir.resolve("a"))) {
            assertThat(file.size()).isZero();
            write(file, "abc");
            assertThat(file.size()).isEqualTo(3);
        }
        assertThat(read("a")).isEqualTo("abc");
    }

    @Test
    void createFileRefusesAnExistingFile() throws IOException {
        Files.writeString(dir.resolve("a"), "old");
        assertThatThrownBy(() -> fs.createFile(dir.resolve("a"))).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(read("a")).isEqualTo("old");
    }

    @Test
    void aCreatedFileVanishesInAPowerLossUntilItsDirectoryIsForced() throws IOException {
        try (AppendableFile file = fs.createFile(dir.resolve("a"))) {
            write(file, "abc");
            file.force();
        }
        fs.powerLoss();
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void aCreatedFileKeepsOnlyItsForcedBytesOnceItsNameIsDurable() throws IOException {
        try (AppendableFile file = fs.createFile(dir.resolve("a"))) {
            write(file, "forced");
            file.force();
            fs.forceDirectory(dir);
            write(file, "-lost");
        }
        fs.powerLoss();
        assertThat(read("a")).isEqualTo("forced");
    }

    @Test
    void aFailedCreateFileLeavesNoFile() {
        fs.inject(FaultPlan.builder().failNth(FileOperation.CREATE_FILE, 1).build());
        assertThatThrownBy(() -> fs.createFile(dir.resolve("a"))).isInstanceOf(IOException.class)
                .hasMessageContaining("CREATE_FILE");
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void aRenameIsUndoneByAPowerLossUntilTheDirectoryIsForced() throws IOException {
        durableFile("a.tmp", "content");
        fs.rename(dir.resolve("a.tmp"), dir.resolve("a"));
        assertThat(read("a")).isEqualTo("content");
        assertThat(dir.resolve("a.tmp")).doesNotExist();

        fs.powerLoss();

        assertThat(dir.resolve("a")).doesNotExist();
        assertThat(read("a.tmp")).isEqualTo("content");
    }

    @Test
    void aRenameOverAFileBringsTheReplacedFileBackAfterAPowerLossUntilTheDirectoryIsForced() throws IOException {
        durableFile("a", "old");
        durableFile("a.tmp", "new");
        fs.rename(dir.resolve("a.tmp"), dir.resolve("a"));
        assertThat(read("a")).isEqualTo("new");

        fs.powerLoss();

        assertThat(read("a")).isEqualTo("old");
        assertThat(read("a.tmp")).isEqualTo("new");
    }

    @Test
    void aRenameCoveredByADirectoryForceSurvivesAPowerLoss() throws IOException {
        durableFile("a", "old");
        durableFile("a.tmp", "new");
        fs.rename(dir.resolve("a.tmp"), dir.resolve("a"));
        fs.forceDirectory(dir);

        fs.powerLoss();

        assertThat(read("a")).isEqualTo("new");
        assertThat(dir.resolve("a.tmp")).doesNotExist();
    }

    @Test
    void aFileRenamedBeforeItsBytesWereForcedKeepsOnlyItsForcedBytes() throws IOException {
        try (AppendableFile file = fs.createFile(dir.resolve("a.tmp"))) {
            write(file, "forced");
            file.force();
            write(file, "-lost");
        }
        fs.rename(dir.resolve("a.tmp"), dir.resolve("a"));
        fs.forceDirectory(dir);

        fs.powerLoss();

        assertThat(read("a")).isEqualTo("forced");
    }

    @Test
    void aFailedRenameChangesNothing() throws IOException {
        durableFile("a", "old");
        durableFile("a.tmp", "new");
        fs.inject(FaultPlan.builder().failNth(FileOperation.RENAME, 1).build());

        assertThatThrownBy(() -> fs.rename(dir.resolve("a.tmp"), dir.resolve("a"))).isInstanceOf(IOException.class)
                .hasMessageContaining("RENAME");

        assertThat(read("a")).isEqualTo("old");
        assertThat(read("a.tmp")).isEqualTo("new");
    }

    @Test
    void aRenameCountsAsARenameForTheFaultPlan() throws IOException {
        durableFile("a", "x");
        long before = fs.operations(FileOperation.RENAME);
        fs.rename(dir.resolve("a"), dir.resolve("b"));
        assertThat(fs.operations(FileOperation.RENAME)).isEqualTo(before + 1);
    }

    @Test
    void aRenameOfAMissingFileFails() {
        assertThatThrownBy(() -> fs.rename(dir.resolve("missing"), dir.resolve("b")))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aRenameAcrossDirectoriesIsRefused() throws IOException {
        durableFile("a", "x");
        Path other = Files.createDirectory(dir.resolve("other"));
        assertThatThrownBy(() -> fs.rename(dir.resolve("a"), other.resolve("a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogFileSystem.standard().rename(dir.resolve("a"), other.resolve("a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(read("a")).isEqualTo("x");
    }

    @Test
    void theRealFileSystemCreatesAndRenamesOverAnExistingFile() throws IOException {
        LogFileSystem real = LogFileSystem.standard();
        Files.writeString(dir.resolve("a"), "old");
        try (AppendableFile file = real.createFile(dir.resolve("a.tmp"))) {
            write(file, "new");
            file.force();
            assertThat(file.size()).isEqualTo(3);
        }
        assertThatThrownBy(() -> real.createFile(dir.resolve("a.tmp"))).isInstanceOf(FileAlreadyExistsException.class);
        real.rename(dir.resolve("a.tmp"), dir.resolve("a"));
        real.forceDirectory(dir);
        assertThat(read("a")).isEqualTo("new");
        assertThat(dir.resolve("a.tmp")).doesNotExist();
    }
}
