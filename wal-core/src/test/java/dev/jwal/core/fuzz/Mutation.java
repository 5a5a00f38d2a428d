package dev.jwal.core.fuzz;

import dev.jwal.core.segment.SegmentName;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * The vocabulary of the fuzz test: one way to craft a log directory, with every parameter chosen up front so
 * that a case prints as what it did and replays exactly. A mutation whose segment an earlier mutation of the
 * same case removed does nothing.
 */
sealed interface Mutation {
    /** The segment the mutations below name when they mean "the last one". */
    String LAST = "<last>";

    /** Applies the mutation to {@code log}; files meant to lie outside the log go into {@code sentinel}. */
    void apply(Path log, Path sentinel) throws IOException;

    /** A short name of the mutation's kind, for grouping failures. */
    default String kind() {
        return getClass().getSimpleName();
    }

    // ----- segment names -----

    /** A copy of a segment under its number without the zero padding ({@code 0.wal} beside {@code 000...0.wal}). */
    record UnpaddedCopy(String segment) implements Mutation {
        @Override
        public void apply(Path log, Path sentinel) throws IOException {
            onSegment(log, segment, file -> {
                long number = SegmentName.parse(file.getFileName().toString()).orElseThrow();
                Files.copy(file, log.resolve(number + ".wal"), StandardCopyOption.REPLACE_EXISTING);
            });
        }
    }

    /** Every segment renamed as the reference names them: first LSN + 1. */
    record ReferenceNames() implements Mutation {
        @Override
        public void apply(Path log, Path sentinel) throws IOException {
            List<Path> segments = segments(log);
            for (int i = segments.size() - 1; i >= 0; i--) {
                Path file = segments.get(i);
                long number = SegmentName.parse(file.getFileName().toString()).orElseThrow();
                Path renamed = log.resolve(SegmentName.of(number + 1));
                if (!Files.exists(renamed, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(file, renamed);
                }
            }
        }
    }

    /** Two segments' names swapped: segment files out of LSN order. */
    record SwappedNames(String first, String second) implements Mutation {
        @Override
        public void apply(Path log, Path sentinel) throws IOException {
            Path a = resolve(log, first);
            Path b = resolve(log, second);
            if (a != null && b != null && !a.equals(b)) {
                Path aside = log.resolve("swap.aside");
                Files.move(a, aside);
                Files.move(b, a);
                Files.move(aside, b);
            }
        }
    }

    // ----- segment contents -----

    /** A segment cut to {@code length} bytes. */
    record Truncated(String segment, long length) implements Mutation {
        @Override
        public void apply(Path log, Path sentinel) throws IOException {
            onSegment(log, segment, file -> Corrupt.truncate(file, length));
        }
    }

    /** A copy of a segment under another segment name (numbered {@code number}). */
    record Duplicated(String segment, long number) implements Mutation {
        @Override
        public void apply(Path log, Path sentinel) throws IOException {
            onSegment(log, segment, file -> Files.copy(file, log.resolve(SegmentName.of(number)),
                    StandardCopyOption.REPLACE_EXISTING));
        }
    }

    /**
     * An older copy of a segment restored over the newer one: the segment as it was when it held only its first
     * {@code records} records (a backup taken earlier, restored).
     */
    record StaleCopy(String segment, int records, long cutAt) implements Mutation {
        @Override
        public void apply(Path log, Path sentinel) throws IOException {
            onSegment(log, segment, file -> Corrupt.truncate(file, cutAt));
        }
    }

    /**
     * A last segment whose header and records restart at LSN 0 after a segment ending at a later LSN: the first
     * segment's bytes under a name after the last one.
     */
    record RestartsAtZero(long number) implements Mutation {
        @Override
        public void apply(Path log, Path sentinel) throws IOException {
            List<Path> segments = segments(log);
            if (!segments.isEmpty()) {
                Files.copy(segments.get(0), log.resolve(SegmentName.of(number)), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** {@code 4096} zero bytes over a segment at {@code offset} (extending it if they run past its end). */
    record ZeroPage(String segment, long offset) implements Mutation {
        @Override
        public void apply(Path log, Path sentinel) throws IOException {
            onSegment(log, segment, file -> Corrupt.zeros(file, offset, 4096));
        }
    }

    /** One bit flipped. */
    record BitFlip(String segment, long offset, int bit) implements Mutation {
        @Override
        public void apply(Path log, Path sentinel) throws IOException {
            onSegment(log, segment, file -> Corrupt.flipBit(file, offset, bit));
        }
    }

    // ----- segment indexes -----

    /** {@code NAME.wal.idx} beside a segment holds {@code hex}: garbage, or an index with a valid checksum. */
    record CraftedIndex(String segment, String hex) implements Mutation {
        @Override
        public void apply(Path log, Path sentinel) throws IOException {
            onSegment(log, segment, file -> {
                Path index = file.resolveSibling(file.getFileName() + ".idx");
                Files.deleteIfExists(index);
                Files.write(index, HexFormat.of().parseHex(hex));
            });
        }
    }

    // ----- files that are not what they seem -----

    /**
     * {@code name} in the log is a symbolic link to a file in the sentinel folder, outside the log. For
     * {@link #LAST} the last segment itself moves out and a link takes its place; a metadata name links to a
     * valid file of that kind (LSN {@code lsn}); a {@code .tmp} name links to an unrelated file.
     */
    record OutsideSymlink(String name, long lsn) implements Mutation {
        @Override
        public String kind() {
            return "OutsideSymlink(" + category(name) + ")";
        }

        @Override
        public void apply(Path log, Path sentinel) throws IOException {
            Path link;
            Path target;
            if (name.equals(LAST)) {
                link = resolve(log, LAST);
                if (link == null) {
                    return;
                }
                target = sentinel.resolve("outside-" + link.getFileName());
                Files.move(link, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                link = log.resolve(name);
                target = sentinel.resolve("outside-" + name);
                Files.deleteIfExists(link);
                byte[] content = switch (name) {
                    case "checkpoint" -> lsnFile("jwal-checkpoint", lsn);
                    case "txn-boundary" -> lsnFile("jwal-txn-boundary", lsn);
                    default -> "a file outside the log that nothing may change\n".getBytes(StandardCharsets.US_ASCII);
                };
                Files.write(target, content);
            }
            Files.createSymbolicLink(link, target.toAbsolutePath());
        }
    }

    /** {@code name} in the log is a FIFO (a named pipe): opening it to read blocks until a writer comes. */
    record Fifo(String name) implements Mutation {
        @Override
        public String kind() {
            return "Fifo(" + category(name) + ")";
        }

        @Override
        public void apply(Path log, Path sentinel) throws IOException {
            Path file = name.equals(LAST) ? resolve(log, LAST) : log.resolve(name);
            if (file == null) {
                return;
            }
            Files.deleteIfExists(file);
            mkfifo(file);
        }
    }

    /** A sparse metadata file of {@code length} bytes (gigabytes on paper, no disk). */
    record OversizedMetadata(String name, long length) implements Mutation {
        @Override
        public String kind() {
            return "OversizedMetadata(" + name + ")";
        }

        @Override
        public void apply(Path log, Path sentinel) throws IOException {
            Path file = log.resolve(name);
            Files.deleteIfExists(file);
            Corrupt.sparse(file, length);
        }
    }

    /** A metadata file holding {@code text} (hex-escaped in the case's description). */
    record GarbageMetadata(String name, String hex) implements Mutation {
        @Override
        public String kind() {
            return "GarbageMetadata(" + name + ")";
        }

        @Override
        public void apply(Path log, Path sentinel) throws IOException {
            Files.deleteIfExists(log.resolve(name));
            Files.write(log.resolve(name), HexFormat.of().parseHex(hex));
        }
    }

    /** A well-formed metadata file (valid checksum) naming {@code lsn}, which the log may not reach. */
    record MetadataLsn(String name, long lsn) implements Mutation {
        @Override
        public String kind() {
            return "MetadataLsn(" + name + ")";
        }

        @Override
        public void apply(Path log, Path sentinel) throws IOException {
            Files.deleteIfExists(log.resolve(name));
            Files.write(log.resolve(name), lsnFile(name.equals("checkpoint") ? "jwal-checkpoint" : "jwal-txn-boundary",
                    lsn));
        }
    }

    // ----- helpers -----

    /** A name's role: itself for metadata and temporary files, "segment" for a segment's name. */
    private static String category(String name) {
        if (name.equals(LAST) || SegmentName.parse(name).isPresent()) {
            return "segment";
        }
        if (name.endsWith(".wal.idx")) {
            return "segment.idx";
        }
        return name.endsWith(".wal.tmp") ? "segment.tmp" : name;
    }

    /** What a mutation does to one segment file. */
    interface SegmentAction {
        void apply(Path file) throws IOException;
    }

    /** Applies {@code action} to the segment named {@code name}, unless an earlier mutation removed it. */
    static void onSegment(Path log, String name, SegmentAction action) throws IOException {
        Path file = resolve(log, name);
        if (file != null) {
            action.apply(file);
        }
    }

    static byte[] lsnFile(String tag, long lsn) {
        String field = "lsn=" + lsn;
        CRC32C crc = new CRC32C();
        crc.update(field.getBytes(StandardCharsets.US_ASCII));
        return (tag + " 1 " + field + " crc32c=" + String.format("%08x", crc.getValue()) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The log's segment files, in numeric order. */
    static List<Path> segments(Path log) throws IOException {
        try (var files = Files.list(log)) {
            return files.filter(p -> SegmentName.parse(p.getFileName().toString()).isPresent())
                    .filter(Corrupt::isPlainFile)
                    .sorted(java.util.Comparator.comparingLong(
                            (Path p) -> SegmentName.parse(p.getFileName().toString()).orElseThrow())
                            .thenComparing(Path::toString))
                    .toList();
        }
    }

    /** The segment named {@code name} ({@link #LAST}: the last one), or null if it is gone. */
    static Path resolve(Path log, String name) throws IOException {
        if (name.equals(LAST)) {
            List<Path> segments = segments(log);
            return segments.isEmpty() ? null : segments.get(segments.size() - 1);
        }
        Path file = log.resolve(name);
        return Corrupt.isPlainFile(file) ? file : null;
    }

    static void mkfifo(Path file) throws IOException {
        try {
            Process process = new ProcessBuilder("mkfifo", file.toString()).redirectErrorStream(true).start();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("mkfifo " + file + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Whether FIFOs can be made here (a {@code mkfifo} command and a file system that has them). */
    static boolean fifosAvailable(Path scratch) {
        try {
            Path probe = scratch.resolve("probe.fifo");
            mkfifo(probe);
            boolean made = Files.exists(probe) && !Files.isRegularFile(probe);
            Files.deleteIfExists(probe);
            return made;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A random mutation of {@code log}, its parameters drawn from {@code random}.
     *
     * @param fifos whether FIFOs may be used
     */
    static Mutation random(Random random, OriginalLog log, boolean fifos) throws IOException {
        List<String> segments = log.segments;
        String anySegment = random.nextInt(3) == 0 ? LAST : segments.get(random.nextInt(segments.size()));
        long size = anySegment.equals(LAST) ? Files.size(log.directory.resolve(segments.get(segments.size() - 1)))
                : Files.size(log.directory.resolve(anySegment));
        long lastNumber = SegmentName.parse(segments.get(segments.size() - 1)).orElseThrow();
        String metadata = random.nextBoolean() ? "checkpoint" : "txn-boundary";
        long next = log.nextLsn();
        while (true) {
            switch (random.nextInt(19)) {
                case 0:
                    return new UnpaddedCopy(anySegment);
                case 1:
                    return new ReferenceNames();
                case 2: {
                    int a = random.nextInt(segments.size());
                    int b = (a + 1 + random.nextInt(segments.size() - 1)) % segments.size();
                    return new SwappedNames(segments.get(a), segments.get(b));
                }
                case 3:
                    return new Truncated(anySegment, random.nextInt(3) == 0 ? 0 : (long) random.nextInt((int) size));
                case 4: {
                    long number = random.nextBoolean() ? lastNumber + 1 + random.nextInt((int) next)
                            : random.nextInt((int) lastNumber + 1);
                    return new Duplicated(anySegment, number);
                }
                case 5: {
                    String segment = segments.get(random.nextInt(segments.size()));
                    byte[] bytes = Files.readAllBytes(log.directory.resolve(segment));
                    List<Long> boundaries = recordEnds(bytes);
                    int kept = random.nextInt(boundaries.size());
                    return new StaleCopy(segment, kept, boundaries.get(kept));
                }
                case 6:
                    return new RestartsAtZero(lastNumber + 1 + random.nextInt((int) next));
                case 7: {
                    String name = switch (random.nextInt(7)) {
                        case 0 -> LAST;
                        case 1 -> "checkpoint";
                        case 2 -> "txn-boundary";
                        case 3 -> "checkpoint.tmp";
                        case 4 -> "txn-boundary.tmp";
                        case 5 -> log.middleSegment() + ".idx";
                        default -> SegmentName.of(next + random.nextInt(6)) + ".tmp";
                    };
                    return new OutsideSymlink(name, random.nextInt((int) next));
                }
                case 8:
                    if (!fifos) {
                        continue;
                    }
                    return new Fifo(switch (random.nextInt(5)) {
                        case 0 -> "checkpoint";
                        case 1 -> "txn-boundary";
                        case 2 -> LAST;
                        case 3 -> log.middleSegment() + ".idx";
                        default -> SegmentName.of(lastNumber + 1 + random.nextInt((int) next));
                    });
                case 9:
                    return new OversizedMetadata(random.nextInt(3) == 0 ? log.middleSegment() + ".idx" : metadata,
                            (3L << 30) + random.nextInt(5) * (1L << 30));
                case 10: {
                    byte[] garbage;
                    if (random.nextBoolean()) {
                        garbage = new byte[1 + random.nextInt(80)];
                        random.nextBytes(garbage);
                    } else {
                        byte[] valid = lsnFile(metadata.equals("checkpoint") ? "jwal-checkpoint" : "jwal-txn-boundary",
                                random.nextInt((int) next));
                        garbage = java.util.Arrays.copyOf(valid, random.nextInt(valid.length + 1));
                        if (garbage.length > 0) {
                            garbage[random.nextInt(garbage.length)] ^= (byte) (1 << random.nextInt(8));
                        }
                    }
                    return new GarbageMetadata(metadata, HexFormat.of().formatHex(garbage));
                }
                case 11: {
                    long lsn = switch (random.nextInt(5)) {
                        case 0 -> next - 1;
                        case 1 -> next;
                        case 2 -> next + random.nextInt(100);
                        case 3 -> Long.MAX_VALUE - random.nextInt(2);
                        default -> random.nextInt((int) next);
                    };
                    return new MetadataLsn(metadata, lsn);
                }
                case 12:
                    return new ZeroPage(anySegment, random.nextInt((int) size + 1));
                case 15:
                case 16:
                case 17:
                case 18:
                    // The segment a read from the middle seeks in (Operation.READ_FROM_MIDDLE).
                    return new CraftedIndex(log.middleSegment(), HexFormat.of().formatHex(craftedIndex(random,
                            log.directory.resolve(log.middleSegment()))));
                default:
                    return new BitFlip(anySegment, random.nextInt((int) Math.max(size, 1)), random.nextInt(8));
            }
        }
    }

    /**
     * An index file for {@code segment} (docs/FORMAT.md, with the smallest interval, 512 bytes, so that the
     * small segments of the originals hold entries): garbage, a correct index, one whose entries name the
     * wrong LSNs or point off record boundaries, one covering more than the segment, or a correct one cut
     * short or with a bit flipped.
     */
    private static byte[] craftedIndex(Random random, Path segment) throws IOException {
        byte[] bytes = Files.readAllBytes(segment);
        long number = SegmentName.parse(segment.getFileName().toString()).orElseThrow();
        List<Long> starts = recordEnds(bytes);
        List<long[]> entries = new java.util.ArrayList<>();
        long lastOffset = 0;
        for (int i = 0; i + 1 < starts.size(); i++) {
            long start = starts.get(i);
            if (start >= lastOffset + 512) {
                entries.add(new long[]{number + i, start});
                lastOffset = start;
            }
        }
        long covered = bytes.length;
        int kind = random.nextInt(8);
        switch (kind) {
            case 0 -> {
                byte[] garbage = new byte[1 + random.nextInt(200)];
                random.nextBytes(garbage);
                return garbage;
            }
            case 2, 3 -> entries.forEach(e -> e[0] += random.nextBoolean() ? 1 : -1);
            case 4, 5 -> entries.forEach(e -> e[1] += 1 + random.nextInt(40));
            case 6 -> covered += 1 + random.nextInt(100);
            default -> {
                // a correct index (1), cut short or flipped below (7)
            }
        }
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(38 + 16 * entries.size());
        out.put(new byte[]{(byte) 0x89, 'J', 'W', 'A', 'L', 'I', 'D', 'X'}).putShort((short) 1).putInt(512)
                .putLong(number).putLong(covered).putInt(entries.size());
        for (long[] e : entries) {
            out.putLong(e[0]).putLong(e[1]);
        }
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        byte[] index = out.array();
        if (kind == 7) {
            if (random.nextBoolean()) {
                return java.util.Arrays.copyOf(index, random.nextInt(index.length));
            }
            index[random.nextInt(index.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return index;
    }

    /** Offsets at which a segment's records end (0 included: the segment with none, or its header only). */
    private static List<Long> recordEnds(byte[] segment) {
        List<Long> ends = new java.util.ArrayList<>();
        if (segment.length > 0 && (segment[0] & 0xff) == 0x89) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(segment);
            int position = 27 + (segment[10] & 0xff);
            ends.add((long) position);
            while (position + 16 <= segment.length) {
                position += 16 + buffer.getInt(position);
                ends.add((long) position);
            }
            return ends;
        }
        ends.add(0L);
        for (int i = 0; i < segment.length; i++) {
            if (segment[i] == '\n') {
                ends.add((long) i + 1);
            }
        }
        return ends;
    }
}
