package dev.jwal.core;

import dev.jwal.core.io.LogFileSystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real file system, except that the Nth write, force, segment creation,
 * atomic replace, preallocation or release of reserved room fails with an
 * IOException. A failing write first writes half
 * of its bytes, as a disk that fills up mid-write would. Forces may also be
 * made slow.
 */
final class FaultyFileSystem implements LogFileSystem {
    private final LogFileSystem real = LogFileSystem.standard();
    final AtomicInteger writesBeforeFailure = new AtomicInteger(Integer.MAX_VALUE);
    final AtomicInteger forcesBeforeFailure = new AtomicInteger(Integer.MAX_VALUE);
    final AtomicInteger createsBeforeFailure = new AtomicInteger(Integer.MAX_VALUE);
    final AtomicInteger replacesBeforeFailure = new AtomicInteger(Integer.MAX_VALUE);
    final AtomicInteger reservesBeforeFailure = new AtomicInteger(Integer.MAX_VALUE);
    final AtomicInteger releasesBeforeFailure = new AtomicInteger(Integer.MAX_VALUE);
    /** Milliseconds every force of a file sleeps before it forces. */
    final AtomicLong forceDelayMillis = new AtomicLong();

    private static void maybeFail(AtomicInteger countdown, String what) throws IOException {
        if (countdown.getAndDecrement() == 0) {
            throw new IOException("injected " + what + " failure");
        }
    }

    @Override
    public void createDirectories(Path directory) throws IOException {
        real.createDirectories(directory);
    }

    @Override
    public AppendableFile createNew(Path file, byte[] header) throws IOException {
        maybeFail(createsBeforeFailure, "segment creation");
        return new FaultyFile(real.createNew(file, header));
    }

    @Override
    public AppendableFile openForAppend(Path file) throws IOException {
        return new FaultyFile(real.openForAppend(file));
    }

    @Override
    public void replaceAtomically(Path file, byte[] content) throws IOException {
        maybeFail(replacesBeforeFailure, "atomic replace");
        real.replaceAtomically(file, content);
    }

    @Override
    public AppendableFile createFile(Path file) throws IOException {
        return new FaultyFile(real.createFile(file));
    }

    @Override
    public void rename(Path source, Path target) throws IOException {
        real.rename(source, target);
    }

    @Override
    public void truncate(Path file, long size) throws IOException {
        real.truncate(file, size);
    }

    @Override
    public void delete(Path file) throws IOException {
        real.delete(file);
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        real.forceDirectory(directory);
    }

    private final class FaultyFile implements AppendableFile {
        private final AppendableFile delegate;

        FaultyFile(AppendableFile delegate) {
            this.delegate = delegate;
        }

        @Override
        public Path path() {
            return delegate.path();
        }

        @Override
        public long size() {
            return delegate.size();
        }

        @Override
        public void write(ByteBuffer[] buffers) throws IOException {
            if (writesBeforeFailure.getAndDecrement() == 0) {
                long total = 0;
                for (ByteBuffer buffer : buffers) {
                    total += buffer.remaining();
                }
                ByteBuffer half = ByteBuffer.allocate((int) (total / 2));
                for (ByteBuffer buffer : buffers) {
                    while (buffer.hasRemaining() && half.hasRemaining()) {
                        half.put(buffer.get());
                    }
                }
                delegate.write(new ByteBuffer[]{half.flip()});
                throw new IOException("injected write failure (no space left on device)");
            }
            delegate.write(buffers);
        }

        @Override
        public void force() throws IOException {
            maybeFail(forcesBeforeFailure, "force");
            long delay = forceDelayMillis.get();
            if (delay > 0) {
                sleepUninterruptibly(delay);
            }
            delegate.force();
        }

        /** A slow fsync, like a real one, is not cut short by an interrupt; the flag is kept. */
        private static void sleepUninterruptibly(long millis) {
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
            boolean interrupted = false;
            for (long left; (left = until - System.nanoTime()) > 0; ) {
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.sleep(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void reserve(long length) throws IOException {
            maybeFail(reservesBeforeFailure, "preallocation");
            delegate.reserve(length);
        }

        @Override
        public void releaseReserved() throws IOException {
            maybeFail(releasesBeforeFailure, "release of reserved room");
            delegate.releaseReserved();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
