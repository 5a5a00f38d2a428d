package dev.jwal.cli;

import dev.jwal.api.LogRecord;
import dev.jwal.api.RecordCursor;
import dev.jwal.codec.json.JsonEntryCodec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * Prints records one per line as {@code {"lsn":N,"entry":ENTRY}}, ENTRY in
 * the reference's JSON form exactly as the {@code json} codec writes it. The
 * codec's UTF-8 bytes are copied to the output as they are. Values the JSON
 * codec cannot store but kryo and protobuf can (NaN, infinities, unpaired
 * surrogates) are printed as {@link JsonEntryCodec#encodeForDisplay} writes
 * them ({@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}). A record is
 * turned into JSON before any of its line is written, so a failure never
 * leaves half a line. Not thread safe.
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
        return printAll(cursor, lsn -> {
        });
    }

    /** As {@link #printAll(RecordCursor)}, telling {@code printedLsn} each record's LSN once printed. */
    long printAll(RecordCursor cursor, LongConsumer printedLsn) throws IOException {
        long printed = 0;
        try (cursor) {
            while (cursor.hasNext()) {
                LogRecord record = cursor.next();
                print(record);
                printed++;
                printedLsn.accept(record.lsn());
            }
        }
        return printed;
    }

    /**
     * Prints one record's line.
     *
     * @throws CliFailure (exit code {@value ExitCodes#INTERNAL_ERROR}) naming the LSN if the entry cannot be
     *         written as JSON; nothing of its line is printed then
     */
    void print(LogRecord record) throws IOException {
        byte[] entry;
        try {
            entry = json.encodeForDisplay(record.entry());
        } catch (RuntimeException e) {
            throw new CliFailure(ExitCodes.INTERNAL_ERROR, "the record at LSN " + record.lsn()
                    + " cannot be printed as JSON: " + e.getMessage(), e);
        }
        out.write(BEFORE_LSN);
        Decimal.write(record.lsn(), out);
        out.write(BEFORE_ENTRY);
        out.write(entry);
        out.write(END);
    }
}
