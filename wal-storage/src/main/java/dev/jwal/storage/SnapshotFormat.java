package dev.jwal.storage;

/**
 * The snapshot file format, version 2. A snapshot holds a whole store as it was after applying every log
 * record with an LSN below <i>N</i>, names the log it was taken of, and is named {@code snapshot-N.snap},
 * <i>N</i> in 20 zero-padded decimal digits (so names sort by <i>N</i>).
 *
 * <p>All integers are big-endian; strings are a 4-byte byte count followed by that many bytes of UTF-8.
 * <pre>
 * offset  size  field
 * 0       8     magic: 89 4A 57 53 4E 41 50 0A  ("\x89JWSNAP\n")
 * 8       2     format version: 00 02
 * 10      8     N, the replay-from LSN: the first LSN the snapshot does not reflect
 * 18      16    the log's identity ({@link LogIdentity}): a UUID, most significant 8 bytes first
 * 34      4     namespace count
 * 38      ...   each namespace, in name order:
 *                 string  name
 *                 4       dimension d (0 when the namespace holds no vector)
 *                 4       vector count
 *                 then each vector, in id order:
 *                   string  id
 *                   4 × d   the values, IEEE 754 binary32 bit patterns
 *                   4       metadata byte count, or FF FF FF FF when the vector has no metadata
 *                   ...     metadata UTF-8 bytes
 * size-4  4     CRC32C (Castagnoli, as java.util.zip.CRC32C) of every byte before it
 * </pre>
 *
 * <p><b>Version 1</b>, written before snapshots named their log, is the same without the identity (the
 * namespace count at offset 18). It is still read, and loaded without an identity check: such a snapshot is
 * trusted to belong to the log beside it, as it always was. The next checkpoint writes version 2, and once
 * {@link StorageConfig#retainedSnapshots()} newer ones exist the old one is deleted like any other.
 *
 * <p>A reader checks the magic, the version and the checksum of the whole file before using any of it,
 * then reads it, refusing any count or length that runs past the checksum; a damaged file is
 * reported with its byte offset ({@link SnapshotCorruptException}) and never half loaded.
 *
 * <p>A writer writes {@code snapshot-N.snap.tmp}, forces it, renames it to its name atomically and forces
 * the directory; a file named {@code *.snap} is therefore always complete, and a left-over
 * {@code *.tmp} is a snapshot that was never finished and is deleted on open.
 */
final class SnapshotFormat {
    static final byte[] MAGIC = {(byte) 0x89, 'J', 'W', 'S', 'N', 'A', 'P', '\n'};
    /** The version written. */
    static final short VERSION = 2;
    /** The version without a log identity, still read. */
    static final short VERSION_WITHOUT_IDENTITY = 1;
    /** Magic, version, N, log identity, namespace count: the header of the version written. */
    static final int HEADER_SIZE = headerSize(VERSION);
    static final int TRAILER_SIZE = 4;
    /** The metadata length that means "no metadata". */
    static final int NO_METADATA = -1;

    static final String PREFIX = "snapshot-";
    static final String SUFFIX = ".snap";
    static final String TEMP_SUFFIX = ".tmp";
    static final String BROKEN_SUFFIX = ".broken";
    private static final int DIGITS = 20;

    private SnapshotFormat() {
    }

    /** The bytes before the first namespace in a file of {@code version} (1 or 2). */
    static int headerSize(short version) {
        int identity = version == VERSION_WITHOUT_IDENTITY ? 0 : 16;
        return MAGIC.length + 2 + 8 + identity + 4;
    }

    /** {@code snapshot-N.snap}. */
    static String fileName(long replayFrom) {
        String digits = Long.toString(replayFrom);
        return PREFIX + "0".repeat(DIGITS - digits.length()) + digits + SUFFIX;
    }

    /** N from a snapshot file name, or -1 when the name is not a snapshot's. */
    static long parseFileName(String name) {
        if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
            return -1;
        }
        String digits = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
        if (digits.length() != DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            return -1;
        }
    }
}
