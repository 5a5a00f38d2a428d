package dev.jwal.testkit;

import dev.jwal.core.io.LogFileSystem.AppendableFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulated disk keeps what was forced and loses what was not, files and directory entries alike. */
class SimulatedFileSystemTest {
    @TempDir
    Path dir;
    final SimulatedFileSystem fs = new SimulatedFileSystem();

    static void write(AppendableFile file, String text) throws IOException {
        file.write(new ByteBuffer[]{ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII))});
    }

    String read(String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.US_ASCII);
    }

    AppendableFile create(String name, String header) throws IOException {
        fs.createDirectories(dir);
        return fs.createNew(dir.resolve(name), header.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void writesGoThroughToTheRealFileAtOnce() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            write(file, "abc");
            assertThat(read("a")).isEqualTo("Habc");
            assertThat(file.size()).isEqualTo(4);
        }
    }

    @Test
    void unforcedBytesAreDroppedAndForcedOnesKept() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            write(file, "forced");
            file.force();
            write(file, "-lost");
            fs.powerLoss();
        }
        assertThat(read("a")).isEqualTo("Hforced");
    }

    @Test
    void aRandomPrefixOfTheUnforcedBytesMayBeKept() throws IOException {
        String unforced = "0123456789".repeat(100);
        try (AppendableFile file = create("a", "H")) {
            write(file, "forced");
            file.force();
            write(file, unforced);
            fs.powerLoss(PowerLossOptions.keepRandomPrefix(7));
        }
        String left = read("a");
        assertThat(left).startsWith("Hforced");
        assertThat(("Hforced" + unforced)).startsWith(left);
    }

    @Test
    void randomPrefixesVaryWithTheSeedAndRepeatWithIt() throws IOException {
        int[] lengths = new int[8];
        for (int seed = 0; seed < lengths.length; seed++) {
            lengths[seed] = lengthAfterPowerLoss("s" + seed, PowerLossOptions.keepRandomPrefix(seed));
        }
        assertThat(Arrays.stream(lengths).distinct().count()).isGreaterThan(1);
        assertThat(lengthAfterPowerLoss("again", PowerLossOptions.keepRandomPrefix(3))).isEqualTo(lengths[3]);
    }

    private int lengthAfterPowerLoss(String name, PowerLossOptions options) throws IOException {
        SimulatedFileSystem own = new SimulatedFileSystem();
        Path sub = dir.resolve(name);
        own.createDirectories(sub);
        try (AppendableFile file = own.createNew(sub.resolve("f"), new byte[0])) {
            write(file, "x".repeat(5000));
            own.powerLoss(options);
        }
        return (int) Files.size(sub.resolve("f"));
    }

    @Test
    void aTornLastPageReadsAsZerosFromASectorBoundaryToTheEnd() throws IOException {
        String forced = "F".repeat(5000);
        String unforced = "u".repeat(6000);
        for (int seed = 0; seed < 20; seed++) {
            Path sub = dir.resolve("t" + seed);
            SimulatedFileSystem own = new SimulatedFileSystem();
            own.createDirectories(sub);
            try (AppendableFile file = own.createNew(sub.resolve("f"), new byte[0])) {
                write(file, forced);
                file.force();
                write(file, unforced);
                own.powerLoss(PowerLossOptions.tearLastPage(seed));
            }
            byte[] left = Files.readAllBytes(sub.resolve("f"));
            assertThat(left.length).isBetween(forced.length(), forced.length() + unforced.length());
            assertThat(new String(left, 0, forced.length(), StandardCharsets.US_ASCII)).isEqualTo(forced);
            if (left.length == forced.length()) {
                continue;
            }
            int firstZero = indexOfZero(left);
            assertThat(firstZero).as("seed %d tears something", seed).isGreaterThanOrEqualTo(forced.length());
            assertThat(firstZero == forced.length() || firstZero % PowerLossOptions.SECTOR_SIZE == 0).isTrue();
            assertThat((long) firstZero).isGreaterThanOrEqualTo(
                    (left.length - 1L) / PowerLossOptions.PAGE_SIZE * PowerLossOptions.PAGE_SIZE);
            for (int i = forced.length(); i < left.length; i++) {
                assertThat(left[i]).isEqualTo(i < firstZero ? (byte) 'u' : (byte) 0);
            }
        }
    }

    private static int indexOfZero(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aCreatedFileSurvivesBecauseCreateNewForcesTheDirectory() throws IOException {
        try (AppendableFile file = create("a", "header")) {
            fs.powerLoss();
        }
        assertThat(read("a")).isEqualTo("header");
        assertThat(dir.resolve("a.tmp")).doesNotExist();
    }

    @Test
    void aCreationWhoseDirectoryForceFailedIsUndoneByAPowerLoss() throws IOException {
        fs.createDirectories(dir);
        fs.inject(FaultPlan.builder().failNth(FileOperation.FORCE_DIRECTORY, 1).build());
        assertThatThrownBy(() -> fs.createNew(dir.resolve("a"), new byte[]{1}))
                .isInstanceOf(IOException.class).hasMessageContaining("FORCE_DIRECTORY");
        assertThat(dir.resolve("a")).exists();
        fs.powerLoss();
        assertThat(dir.resolve("a")).doesNotExist();
        assertThat(dir.resolve("a.tmp")).doesNotExist();
    }

    @Test
    void aFailedRenameLeavesTheTemporaryFileWhichAPowerLossRemoves() throws IOException {
        fs.createDirectories(dir);
        fs.inject(FaultPlan.builder().failNth(FileOperation.RENAME, 1).build());
        assertThatThrownBy(() -> fs.createNew(dir.resolve("a"), new byte[]{1})).hasMessageContaining("RENAME");
        assertThat(dir.resolve("a")).doesNotExist();
        assertThat(dir.resolve("a.tmp")).exists();
        fs.powerLoss();
        assertThat(dir.resolve("a.tmp")).doesNotExist();
    }

    @Test
    void aLaterDirectoryForceMakesAnEarlierCreationDurable() throws IOException {
        fs.createDirectories(dir);
        fs.inject(FaultPlan.builder().failNth(FileOperation.FORCE_DIRECTORY, 1).build());
        assertThatThrownBy(() -> fs.createNew(dir.resolve("a"), new byte[]{1}));
        fs.forceDirectory(dir);
        fs.powerLoss();
        assertThat(dir.resolve("a")).exists();
    }

    @Test
    void aDeletionNotCoveredByADirectoryForceIsUndoneWithTheDurableBytes() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            write(file, "durable");
            file.force();
            write(file, "-unforced");
        }
        fs.delete(dir.resolve("a"));
        assertThat(dir.resolve("a")).doesNotExist();
        fs.powerLoss();
        assertThat(read("a")).isEqualTo("Hdurable");
    }

    @Test
    void aDeletionCoveredByADirectoryForceStays() throws IOException {
        create("a", "H").close();
        fs.delete(dir.resolve("a"));
        fs.forceDirectory(dir);
        fs.powerLoss();
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void aReplaceWhoseDirectoryForceFailedComesBackAsTheOldContent() throws IOException {
        fs.createDirectories(dir);
        fs.replaceAtomically(dir.resolve("checkpoint"), "old".getBytes(StandardCharsets.US_ASCII));
        fs.inject(FaultPlan.builder().failNth(FileOperation.FORCE_DIRECTORY, 1).build());
        assertThatThrownBy(() -> fs.replaceAtomically(dir.resolve("checkpoint"),
                "new".getBytes(StandardCharsets.US_ASCII)));
        assertThat(read("checkpoint")).isEqualTo("new");
        fs.powerLoss();
        assertThat(read("checkpoint")).isEqualTo("old");
        assertThat(dir.resolve("checkpoint.tmp")).doesNotExist();
    }

    @Test
    void aCompletedReplaceSurvives() throws IOException {
        fs.createDirectories(dir);
        fs.replaceAtomically(dir.resolve("checkpoint"), "old".getBytes(StandardCharsets.US_ASCII));
        fs.replaceAtomically(dir.resolve("checkpoint"), "new".getBytes(StandardCharsets.US_ASCII));
        fs.powerLoss();
        assertThat(read("checkpoint")).isEqualTo("new");
    }

    @Test
    void filesThatWereThereBeforeAreTakenAsDurable() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("old.wal"), "before");
        try (AppendableFile file = fs.openForAppend(dir.resolve("old.wal"))) {
            assertThat(file.size()).isEqualTo(6);
            write(file, "-after");
            fs.powerLoss();
        }
        assertThat(read("old.wal")).isEqualTo("before");
    }

    @Test
    void aTruncationIsForced() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            write(file, "0123456789");
        }
        fs.truncate(dir.resolve("a"), 5);
        assertThat(fs.durableLength(dir.resolve("a"))).isEqualTo(5);
        fs.powerLoss();
        assertThat(read("a")).isEqualTo("H0123");
    }

    @Test
    void afterAPowerLossEveryOperationFailsAndOldFilesStayDeadAfterARestart() throws IOException {
        AppendableFile file = create("a", "H");
        fs.powerLoss();
        assertThatThrownBy(() -> write(file, "x")).isInstanceOf(SimulatedCrashException.class);
        assertThatThrownBy(file::force).isInstanceOf(SimulatedCrashException.class);
        assertThatThrownBy(() -> fs.forceDirectory(dir)).isInstanceOf(SimulatedCrashException.class);
        assertThatThrownBy(() -> fs.powerLoss()).isInstanceOf(IllegalStateException.class);
        fs.restart();
        assertThatThrownBy(() -> write(file, "x")).isInstanceOf(SimulatedCrashException.class);
        file.close();
        try (AppendableFile reopened = fs.openForAppend(dir.resolve("a"))) {
            write(reopened, "x");
            reopened.force();
        }
        assertThat(read("a")).isEqualTo("Hx");
    }

    @Test
    void aFailedForceLosesTheUnforcedBytesEvenIfALaterForceSucceeds() throws IOException {
        fs.inject(FaultPlan.builder().failNth(FileOperation.FORCE, 2).build());
        try (AppendableFile file = create("a", "H")) {
            write(file, "one");
            file.force();
            write(file, "two");
            assertThatThrownBy(file::force).hasMessageContaining("FORCE");
            assertThat(read("a")).as("the page cache still holds them").isEqualTo("Honetwo");
            write(file, "three");
            file.force();
            fs.powerLoss();
        }
        assertThat(Files.readAllBytes(dir.resolve("a")))
                .isEqualTo("Hone\0\0\0three".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void lastForceOfASegmentIsKnownPerDirectory() throws IOException {
        assertThat(fs.lastForceNanos(dir)).isEmpty();
        long before = System.nanoTime();
        try (AppendableFile file = create("00000000000000000000.wal", "H")) {
            file.force();
        }
        assertThat(fs.lastForceNanos(dir)).isPresent();
        assertThat(fs.lastForceNanos(dir).getAsLong() - before).isPositive();
    }

    @Test
    void aForceOfAFileThatIsNotASegmentSaysNothingOfTheLog() throws IOException {
        try (AppendableFile file = create("00000000000000000000.wal.cut-31", "H")) {
            file.force();
        }
        assertThat(fs.lastForceNanos(dir)).isEmpty();
    }

    @Test
    void aProcessCrashKeepsWhatWasWrittenButMakesNothingMoreDurable() throws IOException {
        AppendableFile file = create("a", "H");
        write(file, "forced");
        file.force();
        write(file, "-written");
        fs.crashProcess();
        assertThat(read("a")).isEqualTo("Hforced-written");
        assertThatThrownBy(() -> write(file, "x")).isInstanceOf(SimulatedCrashException.class);
        assertThatThrownBy(() -> fs.forceDirectory(dir)).isInstanceOf(SimulatedCrashException.class);
        assertThatThrownBy(fs::crashProcess).isInstanceOf(IllegalStateException.class);
        fs.restart();
        assertThatThrownBy(file::force).as("the dead process's file").isInstanceOf(SimulatedCrashException.class);
        file.close();
        try (AppendableFile again = fs.openForAppend(dir.resolve("a"))) {
            write(again, "+new");
        }
        assertThat(read("a")).isEqualTo("Hforced-written+new");
        fs.powerLoss();
        assertThat(read("a")).as("no process forced the rest").isEqualTo("Hforced");
    }

    @Test
    void aPlanCanCrashTheProcessBeforeAnOperation() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            fs.inject(FaultPlan.builder().crashProcessBefore(2).build());
            write(file, "1");
            assertThatThrownBy(() -> write(file, "2")).isInstanceOf(SimulatedCrashException.class)
                    .hasMessageContaining("process crash");
            assertThat(fs.isCrashed()).isTrue();
            assertThat(fs.isPoweredOff()).isFalse();
        }
        assertThat(read("a")).isEqualTo("H1");
    }
}
