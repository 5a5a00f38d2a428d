package dev.jwal.core.write;

import dev.jwal.core.io.RegularFiles;
import dev.jwal.core.segment.DurableLsnFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Publishes the durable LSN to {@link DurableLsnFile} for followers in other processes: rewrites the file in
 * place (one positional write, never forced: see {@link DurableLsnFile} for why that is sound) each time the
 * value grows. Outside the {@link dev.jwal.core.io.LogFileSystem} seam, as the lock file is: nothing the log
 * recovers depends on it. A failure to write it costs followers in other processes their progress, never the
 * log: it is logged (at WARN once, then at DEBUG) and publishing goes on. An interrupt of the publishing
 * thread is kept, and does not stop publishing. Thread safe.
 */
final class DurableLsnHint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DurableLsnHint.class);

    private final Path file;
    // Guarded by this.
    private FileChannel channel;
    private long published = -1;
    private boolean warned;
    private boolean closed;

    DurableLsnHint(Path directory) {
        this.file = DurableLsnFile.path(directory);
    }

    /** Publishes {@code lsn} if it is higher than what was published; a lower value is never written. */
    synchronized void publish(long lsn) {
        if (closed || lsn <= published) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            write(DurableLsnFile.text(lsn));
            published = lsn;
        } catch (IOException e) {
            closeChannel();
            if (!warned) {
                warned = true;
                LOG.warn("could not publish the durable LSN {} in {}; followers in other processes wait until it "
                        + "is published", lsn, file, e);
            } else {
                LOG.debug("could not publish the durable LSN {} in {}", lsn, file, e);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Writes the text at offset 0; once more on a fresh channel if the old one was closed under it. */
    private void write(byte[] text) throws IOException {
        try {
            writeOnce(text);
        } catch (ClosedChannelException e) {
            channel = null;
            writeOnce(text);
        }
    }

    private void writeOnce(byte[] text) throws IOException {
        if (channel == null) {
            // Refuses a link (NOFOLLOW_LINKS) and, before opening, a FIFO or device planted under the name.
            RegularFiles.existsAsRegular(file);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        }
        ByteBuffer bytes = ByteBuffer.wrap(text);
        long position = 0;
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing {}", file, e);
            }
            channel = null;
        }
    }

    /** Stops publishing and releases the file; idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        closeChannel();
    }
}
