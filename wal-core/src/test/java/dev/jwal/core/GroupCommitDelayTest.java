package dev.jwal.core;

import dev.jwal.api.WalEntry;
import dev.jwal.api.WriteAheadLog;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;
import dev.jwal.core.io.LogFileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The every-write group commit's delay: a force that follows another waits (at most as long as that one took)
 * for the appenders it released to queue again, so they share the next force instead of waiting for the one
 * after it.
 */
class GroupCommitDelayTest {
    private static final WalEntry ENTRY = new WalEntry.Delete("ns", List.of("a"));

    @TempDir
    Path dir;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch forceMayEnd = new CountDownLatch(1);

    @AfterEach
    void stop() {
        forceMayEnd.countDown();
        threads.shutdownNow();
    }

    @Test
    void theAppenderTheLastForceReleasedSharesTheNextForceWithThoseQueuedMeanwhile() throws Exception {
        HeldForce fs = new HeldForce();
        try (WriteAheadLog log = Wal.open(WalConfig.builder(dir).syncPolicy(SyncPolicy.everyWrite()).build(), fs)) {
            log.append(ENTRY);
            long forcesBefore = log.stats().syncsSinceOpen();
            fs.holdNext.set(forceMayEnd);

            List<Future<?>> appenders = new ArrayList<>();
            appenders.add(threads.submit(() -> {
                log.append(ENTRY); // its force is held while the others queue
                // Its work before the next append: far shorter than the held force, so the next force waits.
                await().pollDelay(Duration.ofMillis(20)).until(() -> true);
                log.append(ENTRY);
                return null;
            }));
            await().atMost(Duration.ofSeconds(10)).until(() -> fs.held.get() == 1);
            for (int i = 0; i < 3; i++) {
                AtomicReference<Thread> thread = new AtomicReference<>();
                appenders.add(threads.submit(() -> {
                    thread.set(Thread.currentThread());
                    return log.append(ENTRY);
                }));
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                        .until(() -> thread.get() != null && thread.get().getState() == Thread.State.WAITING);
            }
            // A slow disk: the held force takes at least this long, and so may the wait for the appender it releases.
            await().pollDelay(Duration.ofMillis(200)).until(() -> true);
            forceMayEnd.countDown();
            for (Future<?> appender : appenders) {
                appender.get(1, TimeUnit.MINUTES);
            }

            assertThat(log.stats().syncsSinceOpen() - forcesBefore)
                    .as("the held force, then one for the three queued and the first appender's second append")
                    .isEqualTo(2);
        }
    }

    /** The real file system, except that the next force of a segment, once asked for, waits for a latch. */
    private static final class HeldForce extends ForwardingLogFileSystem {
        final AtomicReference<CountDownLatch> holdNext = new AtomicReference<>();
        final AtomicInteger held = new AtomicInteger();

        HeldForce() {
            super(LogFileSystem.standard());
        }

        @Override
        public AppendableFile createNew(Path file, byte[] header) throws IOException {
            return new Held(super.createNew(file, header));
        }

        @Override
        public AppendableFile openForAppend(Path file) throws IOException {
            return new Held(super.openForAppend(file));
        }

        private final class Held implements AppendableFile {
            private final AppendableFile file;

            Held(AppendableFile file) {
                this.file = file;
            }

            @Override
            public Path path() {
                return file.path();
            }

            @Override
            public long size() {
                return file.size();
            }

            @Override
            public void write(ByteBuffer[] buffers) throws IOException {
                file.write(buffers);
            }

            @Override
            public void force() throws IOException {
                file.force();
                CountDownLatch latch = holdNext.getAndSet(null);
                if (latch != null) {
                    held.incrementAndGet();
                    try {
                        latch.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while the test held the force", e);
                    }
                }
            }

            @Override
            public void reserve(long length) throws IOException {
                file.reserve(length);
            }

            @Override
            public void releaseReserved() throws IOException {
                file.releaseReserved();
            }

            @Override
            public void reserveMapped(long length) throws IOException {
                file.reserveMapped(length);
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        }
    }
}
