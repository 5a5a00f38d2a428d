package dev.jwal.core.segment;

import dev.jwal.api.error.CorruptLogException;
import dev.jwal.api.error.WalIOException;
import dev.jwal.core.io.LogFileSystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The persisted LSN of the last checkpoint: one line of text,
 * {@code jwal-checkpoint 1 lsn=N crc32c=XXXXXXXX}, the CRC32C (hex) taken over
 * {@code lsn=N}. Replaced atomically (temporary file, force, rename, directory
 * force), so a crash leaves the old checkpoint or the new one. A directory
 * written by the reference has no such file; the last Checkpoint record in the
 * log then counts.
 */
public final class CheckpointFile {
    public static final String FILE_NAME = "checkpoint";
    private static final Pattern LINE = Pattern.compile("jwal-checkpoint 1 lsn=(\\d{1,19}) crc32c=([0-9a-f]{8})\n?");

    private CheckpointFile() {
    }

    /**
     * The checkpoint LSN stored in {@code directory}, or empty if there is no checkpoint file.
     *
     * @throws CorruptLogException if the file exists but is damaged
     */
    public static OptionalLong read(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new WalIOException("reading the checkpoint file", file, e);
        }
        Matcher matcher = LINE.matcher(text);
        if (!matcher.matches()) {
            throw damaged(file, "does not have the form 'jwal-checkpoint 1 lsn=N crc32c=XXXXXXXX'");
        }
        String lsnField = "lsn=" + matcher.group(1);
        String expectedCrc = checksum(lsnField);
        if (!expectedCrc.equals(matcher.group(2))) {
            throw damaged(file, "checksum mismatch: stored " + matcher.group(2) + ", computed " + expectedCrc);
        }
        try {
            return OptionalLong.of(Long.parseLong(matcher.group(1)));
        } catch (NumberFormatException e) {
            throw damaged(file, "LSN out of range: " + matcher.group(1));
        }
    }

    /** Durably replaces the checkpoint file of {@code directory} with {@code lsn}. */
    public static void write(LogFileSystem fs, Path directory, long lsn) throws IOException {
        String lsnField = "lsn=" + lsn;
        String line = "jwal-checkpoint 1 " + lsnField + " crc32c=" + checksum(lsnField) + "\n";
        fs.replaceAtomically(directory.resolve(FILE_NAME), line.getBytes(StandardCharsets.US_ASCII));
    }

    private static String checksum(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.US_ASCII));
        return String.format("%08x", crc.getValue());
    }

    private static CorruptLogException damaged(Path file, String detail) {
        return new CorruptLogException(file, 0, -1, CorruptLogException.Kind.CORRUPT_RECORD,
                "checkpoint file " + detail + "; delete it to fall back to the last Checkpoint record in the log",
                null);
    }
}
