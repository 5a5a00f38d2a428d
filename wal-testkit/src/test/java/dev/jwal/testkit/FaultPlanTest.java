package dev.jwal.testkit;

import dev.jwal.core.io.LogFileSystem.AppendableFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A fault plan fails, shortens, slows, fills and cuts exactly the operations it names. */
class FaultPlanTest {
    @TempDir
    Path dir;
    final SimulatedFileSystem fs = new SimulatedFileSystem();

    static void write(AppendableFile file, String text) throws IOException {
        file.write(new ByteBuffer[]{ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII))});
    }

    AppendableFile create() throws IOException {
        fs.createDirectories(dir);
        return fs.createNew(dir.resolve("a"), new byte[0]);
    }

    String content() throws IOException {
        return Files.readString(dir.resolve("a"), StandardCharsets.US_ASCII);
    }

    @Test
    void theNthOperationFailsAndOnlyIt() throws IOException {
        try (AppendableFile file = create()) {
            fs.inject(FaultPlan.builder().failNth(FileOperation.WRITE, 2).build());
            write(file, "1");
            assertThatThrownBy(() -> write(file, "2")).isInstanceOf(IOException.class)
                    .hasMessageContaining("injected WRITE failure (#2");
            write(file, "3");
        }
        assertThat(content()).isEqualTo("13");
    }

    @Test
    void failFromFailsEveryLaterOperation() throws IOException {
        try (AppendableFile file = create()) {
            fs.inject(FaultPlan.builder().failFrom(FileOperation.FORCE, 2).build());
            file.force();
            assertThatThrownBy(file::force).isInstanceOf(IOException.class);
            assertThatThrownBy(file::force).isInstanceOf(IOException.class);
            write(file, "writes still work");
        }
    }

    @Test
    void aSlowOperationTakesItsDelayAndMakesDurableWhatWasWrittenUntilItEnds() throws Exception {
        try (AppendableFile file = create()) {
            write(file, "before ");
            fs.inject(FaultPlan.builder().slow(FileOperation.FORCE, Duration.ofMillis(200)).build());
            CountDownLatch forced = new CountDownLatch(1);
            long started = System.nanoTime();
            Thread forcing = new Thread(() -> {
                try {
                    file.force();
                    forced.countDown();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            forcing.start();
            // The delay is spent outside the lock: the file system serves other calls meanwhile.
            await("the force is sleeping").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                    .until(() -> forcing.getState() == Thread.State.TIMED_WAITING);
            write(file, "during");
            assertThat(forced.getCount()).as("the force still sleeps").isOne();
            assertThat(forced.await(10, TimeUnit.SECONDS)).as("the force completed").isTrue();
            assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
            assertThat(fs.durableLength(dir.resolve("a"))).as("what was written while it slept is durable")
                    .isEqualTo("before during".length());
            long writeStarted = System.nanoTime();
            write(file, "!");
            assertThat(System.nanoTime() - writeStarted).as("only forces are slow")
                    .isLessThan(Duration.ofMillis(200).toNanos());
        }
    }

    @Test
    void anInterruptDoesNotCutASlowOperationShortAndTheFlagIsKept() throws Exception {
        try (AppendableFile file = create()) {
            fs.inject(FaultPlan.builder().slow(FileOperation.FORCE, Duration.ofMillis(200)).build());
            AtomicLong tookNanos = new AtomicLong();
            AtomicBoolean flagKept = new AtomicBoolean();
            Thread forcing = new Thread(() -> {
                long started = System.nanoTime();
                try {
                    file.force();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                tookNanos.set(System.nanoTime() - started);
                flagKept.set(Thread.currentThread().isInterrupted());
            });
            forcing.start();
            await("the force is sleeping").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                    .until(() -> forcing.getState() == Thread.State.TIMED_WAITING);
            forcing.interrupt();
            await("the force returned").atMost(Duration.ofSeconds(10)).until(() -> !forcing.isAlive());
            assertThat(tookNanos.get()).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
            assertThat(flagKept.get()).as("the interrupt flag is still set").isTrue();
        }
    }

    @Test
    void aSlowOperationRefusesANegativeDelay() {
        assertThatThrownBy(() -> FaultPlan.builder().slow(FileOperation.FORCE, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least zero");
    }

    @Test
    void aShortWriteWritesPartThenThrows() throws IOException {
        try (AppendableFile file = create()) {
            fs.inject(FaultPlan.builder().shortWriteNth(1).shortWriteNth(2, 3).build());
            assertThatThrownBy(() -> write(file, "abcdefgh")).hasMessageContaining("wrote 4 of 8 bytes");
            assertThatThrownBy(() -> write(file, "ABCDEFGH")).hasMessageContaining("wrote 3 of 8 bytes");
            assertThat(file.size()).isEqualTo(7);
        }
        assertThat(content()).isEqualTo("abcdABC");
    }

    @Test
    void aFullDiskWritesWhatFitsThenRefusesUntilSpaceIsFreed() throws IOException {
        try (AppendableFile file = create()) {
            fs.inject(FaultPlan.builder().freeSpace(10).build());
            write(file, "123456");
            assertThatThrownBy(() -> write(file, "789abc")).hasMessageContaining("No space left on device");
            assertThat(content()).isEqualTo("123456789a");
            assertThatThrownBy(() -> write(file, "x")).hasMessageContaining("No space left on device");
            fs.freeSpace();
            write(file, "x");
        }
        assertThat(content()).isEqualTo("123456789ax");
    }

    @Test
    void truncatingGivesSpaceBack() throws IOException {
        try (AppendableFile file = create()) {
            fs.inject(FaultPlan.builder().freeSpace(4).build());
            write(file, "1234");
            fs.truncate(dir.resolve("a"), 2);
            assertThat(file.size()).isEqualTo(4);
        }
        try (AppendableFile file = fs.openForAppend(dir.resolve("a"))) {
            write(file, "ab");
            assertThatThrownBy(() -> write(file, "c")).hasMessageContaining("No space");
        }
    }

    @Test
    void aFullDiskAlsoStopsTheTemporaryFileOfANewSegment() throws IOException {
        fs.createDirectories(dir);
        fs.inject(FaultPlan.builder().freeSpace(3).build());
        assertThatThrownBy(() -> fs.createNew(dir.resolve("a"), "header".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("No space left on device");
        assertThat(dir.resolve("a")).doesNotExist();
        assertThat(Files.readString(dir.resolve("a.tmp"))).isEqualTo("hea");
        fs.freeSpace();
        fs.createNew(dir.resolve("a"), "header".getBytes(StandardCharsets.US_ASCII)).close();
        assertThat(content()).isEqualTo("header");
    }

    @Test
    void thePowerFailsBeforeTheNthOperationCountingEveryKind() throws IOException {
        fs.createDirectories(dir);
        // createNew is CREATE, RENAME, FORCE_DIRECTORY, OPEN: cut between the rename and the directory force.
        fs.inject(FaultPlan.builder().powerLossBefore(3, PowerLossOptions.dropUnsynced()).build());
        assertThatThrownBy(() -> fs.createNew(dir.resolve("a"), new byte[]{1}))
                .isInstanceOf(SimulatedCrashException.class).hasMessageContaining("FORCE_DIRECTORY");
        assertThat(fs.isPoweredOff()).isTrue();
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void hooksRunBeforeTheirOperation() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        try (AppendableFile file = create()) {
            fs.inject(FaultPlan.builder().onNth(FileOperation.FORCE, 2, calls::incrementAndGet).build());
            file.force();
            assertThat(calls).hasValue(0);
            file.force();
            assertThat(calls).hasValue(1);
        }
    }

    @Test
    void operationsAreCounted() throws IOException {
        try (AppendableFile file = create()) {
            write(file, "x");
            file.force();
        }
        assertThat(fs.operations(FileOperation.CREATE)).isEqualTo(1);
        assertThat(fs.operations(FileOperation.FORCE_DIRECTORY)).isEqualTo(1);
        assertThat(fs.operations(FileOperation.WRITE)).isEqualTo(1);
        assertThat(fs.operations()).isEqualTo(7);
    }

    @Test
    void operationsAreCountedFromOne() {
        assertThatThrownBy(() -> FaultPlan.builder().failNth(FileOperation.WRITE, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 1");
    }
}
