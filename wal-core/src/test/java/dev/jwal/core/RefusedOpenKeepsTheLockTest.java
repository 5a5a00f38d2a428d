package dev.jwal.core;

import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SegmentFormat;
import dev.jwal.api.config.WalConfig;
import dev.jwal.api.error.WalLockedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.jwal.core.TestLogs.config;
import static dev.jwal.core.TestLogs.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Closing any channel of a file drops the process's POSIX lock on it: a refused second opener in the same JVM
 * (a writer, repair, convert) must not touch the lock file, or another process could then open the log as a
 * second writer and hand out the same LSNs.
 */
class RefusedOpenKeepsTheLockTest {
    @TempDir
    Path dir;
    @TempDir
    Path otherLog;

    @Test
    void anotherProcessIsStillLockedOutAfterRefusedOpensInThisOne() throws Exception {
        try (WriteAheadLog log = Wal.open(config(dir).build())) {
            log.append(upsert("a", 1f));
            assertThatThrownBy(() -> Wal.open(config(dir).build())).isInstanceOf(WalLockedException.class);
            assertThatThrownBy(() -> LogRepair.repair(dir)).isInstanceOf(WalLockedException.class);
            Wal.open(config(otherLog).build()).close();
            assertThatThrownBy(() -> LogConverter.convert(otherLog, WalConfig.builder(dir)
                    .format(SegmentFormat.FRAMED).build(), RecoveryMode.STRICT, records -> { }))
                    .isInstanceOf(WalLockedException.class);

            assertThat(openInAnotherProcess(dir)).isEqualTo(LockProbe.REFUSED);
            assertThat(log.append(upsert("b", 2f))).isEqualTo(1);
        }
        assertThat(openInAnotherProcess(dir)).isEqualTo(LockProbe.OPENED);
    }

    @Test
    void theLockIsFreeAgainAfterTheHolderCloses() {
        Wal.open(config(dir).build()).close();
        try (WriteAheadLog reopened = Wal.open(config(dir).build())) {
            assertThat(reopened.nextLsn()).isZero();
        }
    }

    private static String openInAnotherProcess(Path directory) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockProbe.class.getName(), directory.toString()).redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
            String verdict = null;
            for (String line; (line = output.readLine()) != null; ) {
                if (line.equals(LockProbe.OPENED) || line.equals(LockProbe.REFUSED)) {
                    verdict = line;
                }
            }
            assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return verdict;
        } finally {
            probe.destroyForcibly();
        }
    }

    /** Tries to open a log as a writer from another JVM and says whether it could. */
    public static final class LockProbe {
        static final String OPENED = "opened";
        static final String REFUSED = "refused";

        public static void main(String[] args) {
            try (WriteAheadLog log = Wal.open(WalConfig.builder(Path.of(args[0])).build())) {
                System.out.println(OPENED);
            } catch (WalLockedException e) {
                System.out.println(REFUSED);
            }
        }
    }
}
