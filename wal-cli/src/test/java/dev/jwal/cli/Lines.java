package dev.jwal.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Entry lines in the reference's JSON form, and helpers to look at and damage segment files. */
final class Lines {
    static final String CREATE = "{\"CreateNamespace\":{\"namespace\":\"docs\"}}";
    static final String UPSERT = "{\"Upsert\":{\"namespace\":\"docs\",\"vectors\":[{\"id\":\"v1\",\"values\":[1.0,-0.5,"
            + "3.4028235E38],\"metadata\":\"{\\\"k\\\":\\\"é😀\\\"}\"},{\"id\":\"v2\",\"values\":[],\"metadata\":null}]}}";
    static final String DELETE = "{\"Delete\":{\"namespace\":\"docs\",\"ids\":[\"v1\",\"v2\"]}}";
    static final String DROP = "{\"DeleteNamespace\":{\"namespace\":\"docs\"}}";
    static final String BEGIN_7 = "{\"TxnBegin\":{\"txn_id\":7}}";
    static final String COMMIT_7 = "{\"TxnCommit\":{\"txn_id\":7}}";
    static final String ROLLBACK_7 = "{\"TxnRollback\":{\"txn_id\":7}}";
    static final String CHECKPOINT = AppendCommand.CHECKPOINT_LINE;

    private Lines() {
    }

    /** An upsert of one vector {@code id} with {@code values}. */
    static String upsert(String id, float... values) {
        StringBuilder text = new StringBuilder("{\"Upsert\":{\"namespace\":\"docs\",\"vectors\":[{\"id\":\"")
                .append(id).append("\",\"values\":[");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ",").append(values[i]);
        }
        return text.append("],\"metadata\":null}]}}").toString();
    }

    /** {@code {"lsn":N,"entry":ENTRY}}: a line of dump and recover. */
    static String record(long lsn, String entry) {
        return "{\"lsn\":" + lsn + ",\"entry\":" + entry + "}";
    }

    static String checkpointEntry(long lsn) {
        return "{\"Checkpoint\":{\"lsn\":" + lsn + "}}";
    }

    static List<Path> segments(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".wal")).sorted().toList();
        }
    }

    static Path onlySegment(Path directory) throws IOException {
        List<Path> segments = segments(directory);
        if (segments.size() != 1) {
            throw new IllegalStateException("expected one segment in " + directory + ", found " + segments);
        }
        return segments.get(0);
    }

    /**
     * Inserts a line before line {@code index} (counting from 0) of a segment:
     * how tests put garbage in the middle of a log.
     *
     * @return the byte offset of the inserted line
     */
    static long insertLine(Path segment, int index, String line) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(segment, StandardCharsets.UTF_8));
        long offset = 0;
        for (int i = 0; i < index; i++) {
            offset += lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
        }
        lines.add(index, line);
        Files.write(segment, lines, StandardCharsets.UTF_8);
        return offset;
    }

    /** Appends raw bytes to a file: how tests leave a torn last record. */
    static void appendRaw(Path file, String text) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length());
            raf.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
