package dev.jwal.core;

import dev.jwal.api.LogProblem;
import dev.jwal.api.LogRecord;
import dev.jwal.api.RecordCursor;
import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Shared helpers for tests that write and read real logs. Public only for {@link #drain}, which the fuzz
 * package's tests use too: wal-core's tests cannot use wal-testkit's {@code Cursors.drain} (wal-testkit
 * depends on wal-core), so this is wal-core's one copy.
 */
public final class TestLogs {
    private TestLogs() {
    }

    static WalEntry.Upsert upsert(String id, float... values) {
        return new WalEntry.Upsert("ns", List.of(SerializedVector.of(id, values)));
    }

    static WalConfig.Builder config(Path directory) {
        return WalConfig.builder(directory).syncPolicy(SyncPolicy.everyWrite());
    }

    /** Every record {@code cursor} has left, in order; closes the cursor. */
    public static List<LogRecord> drain(RecordCursor cursor) {
        try (cursor) {
            List<LogRecord> records = new ArrayList<>();
            cursor.forEachRemaining(records::add);
            return records;
        }
    }

    static List<WalEntry> entries(RecordCursor cursor) {
        return drain(cursor).stream().map(LogRecord::entry).toList();
    }

    static List<Long> lsns(RecordCursor cursor) {
        return drain(cursor).stream().map(LogRecord::lsn).toList();
    }

    static LogInspector inspect(Path directory, RecoveryMode mode, List<LogProblem> problems) {
        return LogInspector.open(directory, mode, problems::add);
    }

    static List<Path> segments(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".wal")).sorted().toList();
        }
    }

    static Path lastSegment(Path directory) throws IOException {
        List<Path> segments = segments(directory);
        return segments.get(segments.size() - 1);
    }

    static void appendBytes(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
    }

    /** Overwrites bytes at {@code offset}: the one way tests damage a file. */
    static void corrupt(Path file, long offset, String replacement) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            raf.write(replacement.getBytes(StandardCharsets.UTF_8));
        }
    }

    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    /** Byte offset of the start of line {@code index} (0-based). */
    static long offsetOfLine(Path file, int index) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int line = 0;
        for (int i = 0; i < bytes.length && line < index; i++) {
            if (bytes[i] == '\n') {
                line++;
                if (line == index) {
                    return i + 1;
                }
            }
        }
        if (index == 0) {
            return 0;
        }
        throw new IllegalArgumentException("no line " + index + " in " + file);
    }
}
