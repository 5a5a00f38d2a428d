package dev.jwal.testkit;

import dev.jwal.api.LogRecord;
import dev.jwal.api.RecordCursor;

import java.util.ArrayList;
import java.util.List;

/** Reading a whole {@link RecordCursor} at once, as tests of a log do. */
public final class Cursors {
    private Cursors() {
    }

    /**
     * Every record {@code cursor} has left, in order; closes the cursor, also when reading fails.
     *
     * @throws dev.jwal.api.error.WalException whatever reading the cursor throws
     */
    public static List<LogRecord> drain(RecordCursor cursor) {
        try (cursor) {
            List<LogRecord> records = new ArrayList<>();
            cursor.forEachRemaining(records::add);
            return records;
        }
    }
}
