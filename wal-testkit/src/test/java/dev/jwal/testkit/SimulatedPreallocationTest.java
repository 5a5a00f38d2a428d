package dev.jwal.testkit;

import dev.jwal.core.io.LogFileSystem.AppendableFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reserved room (segment preallocation) on the simulated disk: zeros past {@code size()} that writes overwrite,
 * a length that is durable only after a force, and a power loss that keeps a durable reservation as zeros.
 */
class SimulatedPreallocationTest {
    @TempDir
    Path dir;
    final SimulatedFileSystem fs = new SimulatedFileSystem();

    static void write(AppendableFile file, String text) throws IOException {
        file.write(new ByteBuffer[]{ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII))});
    }

    byte[] bytes(String name) throws IOException {
        return Files.readAllBytes(dir.resolve(name));
    }

    AppendableFile create(String name, String header) throws IOException {
        fs.createDirectories(dir);
        return fs.createNew(dir.resolve(name), header.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code text} followed by zeros up to {@code length} bytes. */
    static byte[] padded(String text, int length) {
        return Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), length);
    }

    @Test
    void aReserveExtendsTheRealFileWithZerosAndKeepsSize() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            write(file, "abc");
            file.reserve(100);
            assertThat(file.size()).isEqualTo(4);
            assertThat(bytes("a")).isEqualTo(padded("Habc", 100));
        }
    }

    @Test
    void aReserveShorterThanTheFileChangesNothing() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            write(file, "abcdef");
            file.reserve(3);
            assertThat(file.size()).isEqualTo(7);
            assertThat(bytes("a")).isEqualTo(padded("Habcdef", 7));
        }
    }

    @Test
    void writesAfterAReserveLandAtSizeInsideTheReservedRoom() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            file.reserve(50);
            write(file, "one");
            write(file, "two");
            assertThat(file.size()).isEqualTo(7);
            assertThat(bytes("a")).isEqualTo(padded("Honetwo", 50));
        }
    }

    @Test
    void aForcedReservationSurvivesAPowerLossWithZerosAfterTheForcedData() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            file.reserve(100);
            write(file, "forced");
            file.force();
            write(file, "-lost");
            assertThat(fs.durableFileLength(dir.resolve("a"))).isEqualTo(100);
            fs.powerLoss();
        }
        assertThat(bytes("a")).isEqualTo(padded("Hforced", 100));
    }

    @Test
    void aReservationNotYetForcedIsLostWithTheUnforcedBytes() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            write(file, "forced");
            file.force();
            file.reserve(100);
            write(file, "-lost");
            fs.powerLoss();
        }
        assertThat(bytes("a")).isEqualTo(padded("Hforced", 7));
    }

    @Test
    void aLargerReservationNotYetForcedFallsBackToTheDurableOne() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            file.reserve(100);
            file.force();
            file.reserve(300);
            fs.powerLoss();
        }
        assertThat(bytes("a")).isEqualTo(padded("H", 100));
    }

    @Test
    void aReleaseCutsTheRealFileAtSize() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            file.reserve(100);
            write(file, "data");
            file.releaseReserved();
            assertThat(file.size()).isEqualTo(5);
            assertThat(bytes("a")).isEqualTo(padded("Hdata", 5));
        }
    }

    @Test
    void aReleaseNotYetForcedIsUndoneByAPowerLoss() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            file.reserve(100);
            write(file, "data");
            file.force();
            file.releaseReserved();
            fs.powerLoss();
        }
        assertThat(bytes("a")).isEqualTo(padded("Hdata", 100));
    }

    @Test
    void aForcedReleaseSurvivesAPowerLoss() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            file.reserve(100);
            write(file, "data");
            file.releaseReserved();
            file.force();
            assertThat(fs.durableFileLength(dir.resolve("a"))).isEqualTo(5);
            fs.powerLoss();
        }
        assertThat(bytes("a")).isEqualTo(padded("Hdata", 5));
    }

    @ParameterizedTest
    @EnumSource(value = PowerLossOptions.Unsynced.class,
            names = {"KEEP_RANDOM_PREFIX", "TEAR_LAST_PAGE", "KEEP_RANDOM_PAGES"})
    void theRandomLossesKeepTheReservedLengthAndNeverChangeForcedBytes(PowerLossOptions.Unsynced unsynced)
            throws IOException {
        int reserved = 40_000;
        String forced = "F".repeat(5000);
        String unforced = "u".repeat(9000);
        boolean someUnforcedSurvived = false;
        for (int seed = 0; seed < 20; seed++) {
            byte[] left = afterPowerLoss("s" + seed, reserved, forced, unforced,
                    new PowerLossOptions(unsynced, seed));
            assertThat(left.length).as("seed %d", seed).isEqualTo(reserved);
            assertThat(new String(left, 0, forced.length(), StandardCharsets.US_ASCII)).isEqualTo(forced);
            for (int i = forced.length(); i < reserved; i++) {
                boolean written = i < forced.length() + unforced.length();
                if (left[i] != 0) {
                    assertThat(written).as("seed %d: byte %d is past the data", seed, i).isTrue();
                    assertThat(left[i]).isEqualTo((byte) 'u');
                    someUnforcedSurvived = true;
                }
            }
            if (unsynced == PowerLossOptions.Unsynced.TEAR_LAST_PAGE) {
                assertTornOnlyAtTheEnd(left, forced.length(), seed);
            }
            assertThat(afterPowerLoss("again" + seed, reserved, forced, unforced,
                    new PowerLossOptions(unsynced, seed))).as("seed %d repeats", seed).isEqualTo(left);
        }
        assertThat(someUnforcedSurvived).as("some seed keeps unforced bytes").isTrue();
    }

    /** After a torn last page, the surviving 'u's form a prefix of the unforced bytes. */
    private static void assertTornOnlyAtTheEnd(byte[] left, int from, int seed) {
        int firstZero = from;
        while (firstZero < left.length && left[firstZero] != 0) {
            firstZero++;
        }
        for (int i = firstZero; i < left.length; i++) {
            assertThat(left[i]).as("seed %d: byte %d after the tear", seed, i).isZero();
        }
    }

    private byte[] afterPowerLoss(String name, int reserved, String forced, String unforced,
                                  PowerLossOptions options) throws IOException {
        SimulatedFileSystem own = new SimulatedFileSystem();
        Path sub = dir.resolve(name);
        own.createDirectories(sub);
        try (AppendableFile file = own.createNew(sub.resolve("f"), new byte[0])) {
            file.reserve(reserved);
            write(file, forced);
            file.force();
            write(file, unforced);
            own.powerLoss(options);
        }
        return Files.readAllBytes(sub.resolve("f"));
    }

    @Test
    void reservesAndReleasesAreCountedAsSteps() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            file.reserve(100);
            file.reserve(200);
            file.releaseReserved();
        }
        assertThat(fs.operations(FileOperation.RESERVE)).isEqualTo(2);
        assertThat(fs.operations(FileOperation.RELEASE_RESERVED)).isEqualTo(1);
    }

    @Test
    void aFailedReserveThrowsAndChangesNothing() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            fs.inject(FaultPlan.builder().failNth(FileOperation.RESERVE, 1).build());
            assertThatThrownBy(() -> file.reserve(100)).isInstanceOf(IOException.class)
                    .hasMessageContaining("RESERVE");
            assertThat(bytes("a")).isEqualTo(padded("H", 1));
            file.reserve(100);
            assertThat(bytes("a")).hasSize(100);
        }
    }

    @Test
    void aFailedReleaseThrowsAndChangesNothing() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            file.reserve(100);
            fs.inject(FaultPlan.builder().failNth(FileOperation.RELEASE_RESERVED, 1).build());
            assertThatThrownBy(file::releaseReserved).isInstanceOf(IOException.class)
                    .hasMessageContaining("RELEASE_RESERVED");
            assertThat(bytes("a")).hasSize(100);
        }
    }

    @Test
    void aPowerLossPlannedBeforeAReserveCutsThePowerInsteadOfReserving() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            write(file, "data");
            file.force();
            fs.inject(FaultPlan.builder().powerLossBefore(1, PowerLossOptions.dropUnsynced()).build());
            assertThatThrownBy(() -> file.reserve(100)).isInstanceOf(SimulatedCrashException.class);
        }
        assertThat(fs.isPoweredOff()).isTrue();
        assertThat(bytes("a")).isEqualTo(padded("Hdata", 5));
    }

    @Test
    void aProcessCrashKeepsAnUnforcedReservationUntilAPowerLoss() throws IOException {
        AppendableFile file = create("a", "H");
        file.reserve(100);
        fs.crashProcess();
        assertThat(bytes("a")).hasSize(100);
        assertThatThrownBy(file::releaseReserved).isInstanceOf(SimulatedCrashException.class);
        file.close();
        fs.powerLoss();
        assertThat(bytes("a")).isEqualTo(padded("H", 1));
    }

    @Test
    void aFailedForceAfterAReserveLosesTheUnforcedDataButNotTheReservedLength() throws IOException {
        fs.inject(FaultPlan.builder().failNth(FileOperation.FORCE, 2).build());
        try (AppendableFile file = create("a", "H")) {
            file.reserve(100);
            write(file, "one");
            file.force();
            write(file, "two");
            assertThatThrownBy(file::force).hasMessageContaining("FORCE");
            write(file, "three");
            file.force();
            fs.powerLoss();
        }
        assertThat(bytes("a")).isEqualTo(padded("Hone\0\0\0three", 100));
    }

    @Test
    void aForcedTruncateCutsADurableReservation() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            file.reserve(100);
            write(file, "data");
            file.force();
        }
        fs.truncate(dir.resolve("a"), 5);
        assertThat(fs.durableFileLength(dir.resolve("a"))).isEqualTo(5);
        fs.powerLoss();
        assertThat(bytes("a")).isEqualTo(padded("Hdata", 5));
    }

    @Test
    void aReopenAfterTruncatingTheReservedRoomAwayAppendsAfterTheData() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            file.reserve(100);
            write(file, "data");
            file.force();
        }
        fs.truncate(dir.resolve("a"), 5);
        try (AppendableFile file = fs.openForAppend(dir.resolve("a"))) {
            assertThat(file.size()).isEqualTo(5);
            write(file, "+more");
            file.force();
        }
        assertThat(bytes("a")).isEqualTo(padded("Hdata+more", 10));
    }

    @Test
    void aDeletedFileComesBackWithItsDurableReservation() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            file.reserve(100);
            write(file, "data");
            file.force();
            write(file, "-lost");
        }
        fs.delete(dir.resolve("a"));
        fs.powerLoss();
        assertThat(bytes("a")).isEqualTo(padded("Hdata", 100));
    }

    @Test
    void reservedZerosTakeNoFreeSpaceButWritesIntoThemDo() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            fs.inject(FaultPlan.builder().freeSpace(10).build());
            file.reserve(10_000);
            write(file, "0123456789");
            assertThatThrownBy(() -> write(file, "x")).hasMessageContaining("No space left on device");
            file.releaseReserved();
            assertThatThrownBy(() -> write(file, "x")).as("the release gave back no written byte")
                    .hasMessageContaining("No space left on device");
        }
    }

    @Test
    void deletingAFileWithReservedRoomGivesBackOnlyItsWrittenBytes() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            file.reserve(10_000);
            write(file, "data");
        }
        try (AppendableFile other = create("b", "")) {
            fs.inject(FaultPlan.builder().freeSpace(0).build());
            fs.delete(dir.resolve("a"));
            write(other, "Hdata");
            assertThatThrownBy(() -> write(other, "x")).hasMessageContaining("No space left on device");
        }
    }

    @Test
    void truncatingAFileWithReservedRoomGivesBackOnlyTheWrittenBytesCut() throws IOException {
        try (AppendableFile file = create("a", "H")) {
            file.reserve(10_000);
            write(file, "0123456789");
        }
        try (AppendableFile other = create("b", "")) {
            fs.inject(FaultPlan.builder().freeSpace(0).build());
            fs.truncate(dir.resolve("a"), 6);
            write(other, "01234");
            assertThatThrownBy(() -> write(other, "x")).hasMessageContaining("No space left on device");
        }
    }
}
