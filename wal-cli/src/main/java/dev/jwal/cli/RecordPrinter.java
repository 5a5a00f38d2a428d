package dev.jwal.cli;

import dev.jwal.api.LogRecord;
import dev.jwal.api.RecordCursor;
import dev.jwal.codec.json.JsonEntryCodec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Prints records one per line as {@code {"lsn":N,"entry":ENTRY}}, ENTRY in
 * the reference's JSON form exactly as the {@code json} codec writes it. The
 * codec's UTF-8 bytes are copied to the output as they are. Not thread safe.
 */
final class RecordPrinter {
    private static final byte[] BEFORE_LSN = "{\"lsn\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BEFORE_ENTRY = ",\"entry\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "}\n".getBytes(StandardCharsets.US_ASCII);

    private final JsonEntryCodec json = new JsonEntryCodec();
    private final OutputStream out;

    /** @param out a buffered stream; not flushed here */
    RecordPrinter(OutputStream out) {
        this.out = out;
    }

    /** Prints every record of the cursor and closes it; returns how many were printed. */
    long printAll(RecordCursor cursor) throws IOException {
        long printed = 0;
        try (cursor) {
            while (cursor.hasNext()) {
                print(cursor.next());
                printed++;
            }
        }
        return printed;
    }

    void print(LogRecord record) throws IOException {
        out.write(BEFORE_LSN);
        Decimal.write(record.lsn(), out);
        out.write(BEFORE_ENTRY);
        out.write(json.encode(record.entry()));
        out.write(END);
    }
}
