package dev.jwal.cli;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/** What the {@code --json} outputs share. */
final class Json {
    private Json() {
    }

    /** Writes an LSN field: the number, or null when {@code lsn} is negative (none, or unknown). */
    static void writeLsn(JsonGenerator json, String field, long lsn) throws IOException {
        if (lsn >= 0) {
            json.writeNumberField(field, lsn);
        } else {
            json.writeNullField(field);
        }
    }
}
