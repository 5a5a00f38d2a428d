package dev.jwal.cli;

import dev.jwal.api.FollowCursor;
import dev.jwal.api.LogRecord;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code wal dump --follow}: prints records as they become durable, like {@code tail -f}, until SIGINT or until
 * the reader of standard output goes away; either ends it with exit code 0. Output is flushed whenever the
 * follower has caught up (no record is waiting), so a reader sees each record at once while a backlog still
 * goes out in large writes. Not thread safe.
 */
final class FollowingDump {
    /** How long a caught-up follower waits for a record before it flushes and waits again. */
    private static final Duration IDLE = Duration.ofMillis(200);

    private final FollowCursor cursor;
    private final RecordPrinter printer;
    private final OutputStream out;

    /**
     * @param cursor the follower, closed by {@link #run()}
     * @param out    buffered standard output
     */
    FollowingDump(FollowCursor cursor, OutputStream out) {
        this.cursor = cursor;
        this.out = out;
        this.printer = new RecordPrinter(out);
    }

    /**
     * Prints until interrupted by SIGINT (or the thread's interrupt), or until the follower ends.
     *
     * @throws IOException             if standard output fails ({@link ClosedOutput.Closed} when its reader went away)
     * @throws dev.jwal.api.error.WalException what the follower throws: truncation, damage
     */
    void run() throws IOException {
        try (cursor; InterruptSignal ignored = InterruptSignal.onInterrupt(cursor::close)) {
            while (true) {
                Optional<LogRecord> record = cursor.poll(Duration.ZERO);
                if (record.isEmpty()) {
                    out.flush();
                    record = cursor.poll(IDLE);
                }
                if (record.isPresent()) {
                    printer.print(record.get());
                } else if (cursor.ended()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            out.flush();
        }
    }
}
