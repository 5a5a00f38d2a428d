package dev.jwal.core;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.error.WalIOException;
import dev.jwal.api.error.WalLockedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.lsns;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpeningTest {
    @TempDir
    Path dir;

    @Test
    void emptyDirectoryOpensAtLsnZero() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThat(log.nextLsn()).isZero();
            assertThat(TestLogs.drain(log.recover())).isEmpty();
        }
    }

    @Test
    void missingDirectoryIsCreatedByTheWriter() {
        Path nested = dir.resolve("a/b/wal");
        try (WriteAheadLog log = Wal.open(config(nested).build())) {
            log.append(upsert("a", 1f));
        }
        assertThat(Files.isDirectory(nested)).isTrue();
    }

    @Test
    void missingDirectoryIsAnErrorForReadOnlyInspection() {
        assertThatThrownBy(() -> LogInspector.open(dir.resolve("absent"), RecoveryMode.STRICT, p -> { }))
                .isInstanceOf(WalIOException.class).hasMessageContaining("absent");
    }

    @Test
    void directoryThatCannotBeCreatedIsAClearError() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertThatThrownBy(() -> Wal.open(config(file.resolve("wal")).build()))
                .isInstanceOf(WalIOException.class).hasMessageContaining("creating the log directory");
    }

    @Test
    void emptyLastSegmentKeepsTheNextLsn() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("a", 1f));
            log.append(upsert("b", 1f));
        }
        Files.createFile(dir.resolve(String.format("%020d.wal", 2)));
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThat(log.nextLsn()).isEqualTo(2);
            assertThat(log.append(upsert("c", 1f))).isEqualTo(2);
            assertThat(lsns(log.read(0))).containsExactly(0L, 1L, 2L);
        }
    }

    @Test
    void lastSegmentHoldingOnlyATornLineKeepsTheNextLsn() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("a", 1f));
        }
        Files.writeString(dir.resolve(String.format("%020d.wal", 1)), "1|{\"Upse");
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThat(log.nextLsn()).isEqualTo(1);
        }
    }

    @Test
    void secondOpenInTheSameProcessIsRefused() {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThatThrownBy(() -> Wal.open(config(dir).build()))
                    .isInstanceOf(WalLockedException.class).hasMessageContaining(dir.toString());
        }
        try (WriteAheadLog reopened = Wal.open(config(dir).build())) {
            assertThat(reopened.nextLsn()).isZero();
        }
    }

    @Test
    void openWhileAnotherProcessHoldsTheDirectoryIsRefused() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(
                    new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(output.readLine()).isEqualTo(LockHolder.READY);
            assertThatThrownBy(() -> Wal.open(config(dir).build()))
                    .isInstanceOf(WalLockedException.class).hasMessageContaining("another process");
        } finally {
            holder.destroyForcibly();
            assertThat(holder.waitFor(10, TimeUnit.SECONDS)).as("the lock holder was killed").isTrue();
        }
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            assertThat(log.nextLsn()).isZero();
        }
    }

    /** Opens a log in another JVM and keeps it open until killed. */
    public static final class LockHolder {
        static final String READY = "locked";

        public static void main(String[] args) throws Exception {
            WriteAheadLog log = Wal.open(dev.jwal.api.config.WalConfig.builder(Path.of(args[0])).build());
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(60_000);
            log.close();
        }
    }
}
