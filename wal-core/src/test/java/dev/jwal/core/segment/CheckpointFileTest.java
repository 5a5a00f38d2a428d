package dev.jwal.core.segment;

import dev.jwal.api.error.CorruptLogException;
import dev.jwal.core.io.LogFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointFileTest {
    @TempDir
    Path dir;

    @Test
    void noFileMeansNoPersistedCheckpoint() {
        assertThat(CheckpointFile.read(dir)).isEmpty();
    }

    @Test
    void writtenLsnReadsBack() throws Exception {
        CheckpointFile.write(LogFileSystem.standard(), dir, 41);
        CheckpointFile.write(LogFileSystem.standard(), dir, 12345678901L);
        assertThat(CheckpointFile.read(dir)).hasValue(12345678901L);
        assertThat(dir.resolve("checkpoint.tmp")).doesNotExist();
    }

    @Test
    void changedDigitFailsTheChecksum() throws Exception {
        CheckpointFile.write(LogFileSystem.standard(), dir, 41);
        Path file = dir.resolve(CheckpointFile.FILE_NAME);
        Files.writeString(file, Files.readString(file).replace("lsn=41", "lsn=42"));
        assertThatThrownBy(() -> CheckpointFile.read(dir)).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("checksum");
    }
}
