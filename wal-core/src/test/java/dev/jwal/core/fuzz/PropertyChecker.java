package dev.jwal.core.fuzz;

import dev.jwal.api.LogRecord;
import dev.jwal.api.WalEntry;
import dev.jwal.api.config.RecoveryMode;
import dev.jwal.api.error.WalException;
import dev.jwal.core.LogInspector;
import dev.jwal.core.TestLogs;
import dev.jwal.core.segment.SegmentName;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Checks the six properties of one run (one operation on one crafted directory):
 * <ol>
 *   <li>it finished within the timeout and without an {@link OutOfMemoryError};</li>
 *   <li>it ended cleanly or with a {@link WalException} whose message names the directory or a file in it;</li>
 *   <li>nothing outside the log directory changed (content, size, mtime, and no file came or went);</li>
 *   <li>after a writer: no acknowledged original record is lost without a copy: segment bytes the writer
 *       removed are in another file of the directory, and every undamaged original record that was readable
 *       before is readable after with the same LSN and entry, or its bytes are in a file that is not a
 *       segment;</li>
 *   <li>after a writer: every LSN it acknowledged was new (not one an original record readable before has) and
 *       reads back, in the default mode, as the entry it appended;</li>
 *   <li>a read from an LSN that seeks with a segment index (crafted, damaged or none) returns what a scan of
 *       the segment returns, whenever the scan meets no problem.</li>
 * </ol>
 */
final class PropertyChecker {
    /** Files larger than this (sparse metadata) are not read when looking for bytes. */
    private static final long MAX_READ = 16L << 20;

    /** One property a run broke. */
    record Violation(int property, String problem) {
    }

    /** What a run did: its result, or what it threw, or that it did not finish in time. */
    record Outcome(Operation.Result result, Throwable thrown, boolean timedOut) {
    }

    /** What the checker needs to know of the directories before the run. */
    record Before(Map<String, String> outside, Map<String, byte[]> logFiles, Map<Long, WalEntry> readable) {
    }

    private PropertyChecker() {
    }

    static Before before(Path root, Path sentinel, Path log, Map<Long, WalEntry> readable) throws IOException {
        return new Before(fingerprints(root, sentinel, log), plainFiles(log), readable);
    }

    /**
     * @param readBack reads the log after the run, under the run's timeout: {@code (mode, fromLsn)} to records;
     *                 throws what the read threw
     */
    static List<Violation> check(Operation operation, OriginalLog original, Path root, Path sentinel, Path log,
                                 Path converted, Before before, Outcome outcome,
                                 Function<ReadRequest, List<LogRecord>> readBack) throws IOException {
        List<Violation> violations = new ArrayList<>();
        // 1. Bounded time and memory.
        if (outcome.timedOut()) {
            violations.add(new Violation(1, "did not finish within the timeout"));
        }
        Throwable thrown = outcome.thrown();
        if (thrown instanceof OutOfMemoryError) {
            violations.add(new Violation(1, "OutOfMemoryError: " + thrown.getMessage() + " at " + where(thrown)));
        } else if (thrown != null) {
            // 2. Clean end or a typed exception naming the file.
            if (!(thrown instanceof WalException)) {
                violations.add(new Violation(2, "untyped " + thrown.getClass().getName() + ": " + thrown.getMessage()
                        + " at " + where(thrown)));
            } else if (!namesAFile(thrown.getMessage(), log, converted)) {
                violations.add(new Violation(2, thrown.getClass().getSimpleName() + " names no file of the log: "
                        + thrown.getMessage()));
            }
        }
        // 6. An index never changes what a read returns.
        if (outcome.result() != null && outcome.result().mismatch() != null) {
            violations.add(new Violation(6, outcome.result().mismatch()));
        }
        // 3. Nothing outside the log changes.
        if (!outcome.timedOut()) {
            Map<String, String> after = fingerprints(root, sentinel, log);
            Map<String, String> expected = new TreeMap<>(before.outside());
            if (operation == Operation.CONVERT) {
                after.keySet().removeIf(k -> k.startsWith("root/" + converted.getFileName()));
                expected.keySet().removeIf(k -> k.startsWith("root/" + converted.getFileName()));
            }
            if (!after.equals(expected)) {
                violations.add(new Violation(3, "files outside the log changed: " + difference(expected, after)));
            }
        }
        if (operation == Operation.WRITER && !outcome.timedOut()) {
            Map<String, byte[]> afterFiles = plainFiles(log);
            checkSegmentBytesKept(before, afterFiles, violations);
            List<LogRecord> readAfter = null;
            if (thrown == null) {
                try {
                    readAfter = readBack.apply(new ReadRequest(RecoveryMode.SKIP_CORRUPT, 0));
                } catch (RuntimeException | Error e) {
                    readAfter = null;
                }
            }
            checkOriginalRecordsKept(original, before, afterFiles, readAfter, violations);
            if (thrown == null) {
                checkAcknowledged(before, outcome.result().acknowledged(), readBack, violations);
            }
        }
        return violations;
    }

    /** The arguments of a read after the run. */
    record ReadRequest(RecoveryMode mode, long fromLsn) {
        List<LogRecord> run(Path log) {
            return TestLogs.drain(LogInspector.open(log, mode, p -> { }).read(fromLsn));
        }
    }

    /**
     * 4a: bytes a writer removed from a segment (not counting zeros: room never written) are in another file,
     * unless they are only an incomplete final record of the last segment (what a crash mid-write leaves, which
     * the log cuts without a copy: it never held a complete record).
     */
    private static void checkSegmentBytesKept(Before before, Map<String, byte[]> after, List<Violation> violations) {
        String lastSegment = before.logFiles().keySet().stream().filter(name -> SegmentName.parse(name).isPresent())
                .max(java.util.Comparator.comparingLong(name -> SegmentName.parse(name).getAsLong())).orElse(null);
        for (Map.Entry<String, byte[]> segment : before.logFiles().entrySet()) {
            if (SegmentName.parse(segment.getKey()).isEmpty()) {
                continue;
            }
            byte[] was = segment.getValue();
            byte[] now = after.get(segment.getKey());
            int kept = now == null ? 0 : commonPrefix(was, now);
            int end = was.length;
            while (end > kept && was[end - 1] == 0) {
                end--;
            }
            if (end <= kept) {
                continue;
            }
            if (now != null && segment.getKey().equals(lastSegment) && isIncompleteFinalRecord(was, kept, end)) {
                continue;
            }
            String lost = latin1(was, kept, end);
            boolean copied = after.entrySet().stream()
                    .anyMatch(f -> !f.getKey().equals(segment.getKey()) && latin1(f.getValue()).contains(lost));
            if (!copied) {
                violations.add(new Violation(4, String.format("%d bytes of segment %s from offset %d were %s "
                        + "and are in no other file of the directory", end - kept, segment.getKey(), kept,
                        now == null ? "deleted" : "cut or overwritten")));
            }
        }
    }

    /**
     * 4b: an original record whose bytes the mutation left intact, and which was readable before, is readable
     * after, or its bytes are in a file that is not a segment. One the log could not read before must at least
     * still have its bytes somewhere in the directory.
     */
    private static void checkOriginalRecordsKept(OriginalLog original, Before before, Map<String, byte[]> after,
                                                 List<LogRecord> readAfter, List<Violation> violations) {
        String segmentsBefore = joined(before.logFiles(), true);
        String sideFilesAfter = joined(after, false);
        String allAfter = joined(after, true) + sideFilesAfter;
        Map<Long, List<WalEntry>> readable = new HashMap<>();
        if (readAfter != null) {
            for (LogRecord record : readAfter) {
                readable.computeIfAbsent(record.lsn(), k -> new ArrayList<>()).add(record.entry());
            }
        }
        List<Long> lost = new ArrayList<>();
        for (LogRecord record : original.records) {
            String bytes = latin1(original.encoded.get(record.lsn()));
            if (!segmentsBefore.contains(bytes)) {
                continue; // damaged by the mutation
            }
            boolean wasReadable = before.readable() != null
                    && record.entry().equals(before.readable().get(record.lsn()));
            boolean kept;
            if (wasReadable && readAfter != null) {
                kept = readable.getOrDefault(record.lsn(), List.of()).contains(record.entry())
                        || sideFilesAfter.contains(bytes);
            } else {
                kept = allAfter.contains(bytes);
            }
            if (!kept) {
                lost.add(record.lsn());
            }
        }
        if (!lost.isEmpty()) {
            violations.add(new Violation(4, "undamaged original records lost without a side-file copy: LSNs "
                    + ranges(lost)));
        }
    }

    /** 5: acknowledged LSNs are new, increasing, and read back as what was appended. */
    private static void checkAcknowledged(Before before, List<LogRecord> acknowledged,
                                          Function<ReadRequest, List<LogRecord>> readBack,
                                          List<Violation> violations) {
        List<Long> reused = new ArrayList<>();
        long previous = -1;
        for (LogRecord record : acknowledged) {
            if (record.lsn() <= previous) {
                violations.add(new Violation(5, "the writer acknowledged LSN " + record.lsn() + " after " + previous));
            }
            previous = record.lsn();
            if (before.readable() != null && before.readable().containsKey(record.lsn())) {
                reused.add(record.lsn());
            }
        }
        if (!reused.isEmpty()) {
            violations.add(new Violation(5, "the writer handed out LSNs an original record readable before already "
                    + "had: " + ranges(reused)));
        }
        List<LogRecord> read;
        try {
            read = readBack.apply(new ReadRequest(RecoveryMode.TRUNCATE_TORN_TAIL, acknowledged.get(0).lsn()));
        } catch (RuntimeException | Error e) {
            violations.add(new Violation(5, "the log does not read back after the writer closed: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage()));
            return;
        }
        Map<Long, WalEntry> byLsn = new HashMap<>();
        read.forEach(r -> byLsn.putIfAbsent(r.lsn(), r.entry()));
        List<Long> wrong = new ArrayList<>();
        for (LogRecord record : acknowledged) {
            if (!record.entry().equals(byLsn.get(record.lsn()))) {
                wrong.add(record.lsn());
            }
        }
        if (!wrong.isEmpty()) {
            violations.add(new Violation(5, "acknowledged LSNs that do not read back as what was appended: "
                    + ranges(wrong)));
        }
    }

    // ----- helpers -----

    /**
     * Whether bytes {@code [from, end)} of a segment, running to its end, hold no complete record: in the framed
     * format a header cut short or a payload shorter than its header declares, in the lines format no newline.
     */
    static boolean isIncompleteFinalRecord(byte[] segment, int from, int end) {
        boolean framed = segment.length > 0 && segment[0] == (byte) 0x89;
        if (!framed) {
            for (int i = from; i < end; i++) {
                if (segment[i] == '\n') {
                    return false;
                }
            }
            return true;
        }
        int remaining = segment.length - from;
        if (remaining < 16) {
            return true;
        }
        long declared = java.nio.ByteBuffer.wrap(segment, from, 4).getInt() & 0xffffffffL;
        return 16 + declared > remaining;
    }

    private static boolean namesAFile(String message, Path log, Path converted) {
        return message != null && (message.contains(log.toString()) || message.contains(converted.toString()));
    }

    /** The first frame outside the JDK, for grouping. */
    static String where(Throwable thrown) {
        for (StackTraceElement frame : thrown.getStackTrace()) {
            if (frame.getClassName().startsWith("dev.jwal")) {
                return frame.getClassName().replaceFirst("^dev\\.jwal\\.core\\.", "") + "." + frame.getMethodName()
                        + ":" + frame.getLineNumber();
            }
        }
        return thrown.getStackTrace().length > 0 ? thrown.getStackTrace()[0].toString() : "?";
    }

    /**
     * Every file of {@code root} that is not in the log: the sentinel folder's files (content hash, size, mtime)
     * and the root's own entries (so a file appearing beside the log is seen).
     */
    private static Map<String, String> fingerprints(Path root, Path sentinel, Path log) throws IOException {
        Map<String, String> prints = new TreeMap<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                if (!entry.equals(log) && !entry.equals(sentinel)) {
                    prints.put("root/" + entry.getFileName(), fingerprint(entry));
                }
            }
        }
        try (Stream<Path> files = Files.walk(sentinel)) {
            for (Path file : files.toList()) {
                prints.put("sentinel/" + sentinel.relativize(file), fingerprint(file));
            }
        }
        return prints;
    }

    private static String fingerprint(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            return attributes.isDirectory() ? "directory" : "other";
        }
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(attributes.size() <= MAX_READ ? Files.readAllBytes(file) : new byte[0]));
            return "size=" + attributes.size() + " mtime=" + attributes.lastModifiedTime().toMillis() + " sha256="
                    + hash.substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String difference(Map<String, String> before, Map<String, String> after) {
        List<String> changes = new ArrayList<>();
        before.forEach((name, print) -> {
            String now = after.get(name);
            if (now == null) {
                changes.add(name + " disappeared");
            } else if (!now.equals(print)) {
                changes.add(name + " changed (" + print + " -> " + now + ")");
            }
        });
        after.keySet().stream().filter(name -> !before.containsKey(name)).forEach(name -> changes.add(name + " appeared"));
        return String.join("; ", changes);
    }

    /** The log directory's plain files (no symlinks, FIFOs or sparse giants), by name. */
    static Map<String, byte[]> plainFiles(Path log) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> entries = Files.list(log)) {
            for (Path entry : entries.toList()) {
                if (Corrupt.isPlainFile(entry) && Files.size(entry) <= MAX_READ) {
                    files.put(entry.getFileName().toString(), Files.readAllBytes(entry));
                }
            }
        }
        return files;
    }

    private static String joined(Map<String, byte[]> files, boolean segments) {
        StringBuilder all = new StringBuilder();
        files.forEach((name, bytes) -> {
            if (SegmentName.parse(name).isPresent() == segments) {
                all.append(latin1(bytes)).append('\u0000');
            }
        });
        return all.toString();
    }

    private static int commonPrefix(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String latin1(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    static String ranges(List<Long> lsns) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lsns.size(); i++) {
            int j = i;
            while (j + 1 < lsns.size() && lsns.get(j + 1) == lsns.get(j) + 1) {
                j++;
            }
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(lsns.get(i));
            if (j > i) {
                text.append('-').append(lsns.get(j));
            }
            i = j;
        }
        return text.toString();
    }
}
