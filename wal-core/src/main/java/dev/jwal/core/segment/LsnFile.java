package dev.jwal.core.segment;

import dev.jwal.api.error.WalIOException;
import dev.jwal.core.io.LogFileSystem;
import dev.jwal.core.io.NotARegularFileException;
import dev.jwal.core.io.RegularFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * A small file in the log directory holding one LSN: one line of text,
 * {@code <tag> 1 lsn=N crc32c=XXXXXXXX}, the CRC32C (hex) taken over
 * {@code lsn=N}. Replaced atomically (temporary file, force, rename, directory
 * force), so a crash leaves the old value or the new one. Thread safe (stateless).
 */
final class LsnFile {
    private final String fileName;
    private final String tag;
    private final Pattern line;

    LsnFile(String fileName, String tag) {
        this.fileName = fileName;
        this.tag = tag;
        this.line = Pattern.compile(Pattern.quote(tag) + " 1 lsn=(\\d{1,19}) crc32c=([0-9a-f]{8})\n?");
    }

    Path path(Path directory) {
        return directory.resolve(fileName);
    }

    /** The form of a valid file, for error messages. */
    String form() {
        return "'" + tag + " 1 lsn=N crc32c=XXXXXXXX'";
    }

    /**
     * The stored LSN, or empty if there is no file.
     *
     * @throws Damaged if the file exists but is not a valid one
     */
    OptionalLong read(Path directory) throws Damaged {
        Path file = path(directory);
        String text;
        try {
            if (!RegularFiles.existsAsRegular(file)) {
                return OptionalLong.empty();
            }
            text = readBounded(file);
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (NotARegularFileException e) {
            throw new Damaged("is not a regular file: " + e.getMessage());
        } catch (IOException e) {
            throw new WalIOException("reading " + fileName, file, e);
        }
        Matcher matcher = line.matcher(text);
        if (!matcher.matches()) {
            throw new Damaged("does not have the form " + form());
        }
        String lsnField = "lsn=" + matcher.group(1);
        String expectedCrc = checksum(lsnField);
        if (!expectedCrc.equals(matcher.group(2))) {
            throw new Damaged("checksum mismatch: stored " + matcher.group(2) + ", computed " + expectedCrc);
        }
        try {
            return OptionalLong.of(Long.parseLong(matcher.group(1)));
        } catch (NumberFormatException e) {
            throw new Damaged("LSN out of range: " + matcher.group(1));
        }
    }

    /** The file's text, if it is no longer than a valid file can be; else {@link Damaged}. */
    private String readBounded(Path file) throws IOException, Damaged {
        try {
            return new String(RegularFiles.readAtMost(file, maxLength()), StandardCharsets.US_ASCII);
        } catch (RegularFiles.FileTooLargeException e) {
            throw new Damaged("is too long: " + e.getMessage());
        }
    }

    /** The longest valid file: the tag, the longest LSN, the checksum and a newline. */
    private int maxLength() {
        return (tag + " 1 lsn=" + Long.MAX_VALUE + " crc32c=00000000\n").length();
    }

    /** Durably replaces the file in {@code directory} with {@code lsn}. */
    void write(LogFileSystem fs, Path directory, long lsn) throws IOException {
        String lsnField = "lsn=" + lsn;
        String text = tag + " 1 " + lsnField + " crc32c=" + checksum(lsnField) + "\n";
        fs.replaceAtomically(path(directory), text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The file's text for {@code lsn} with the LSN zero-padded to 19 digits: every value has the same length,
     * so a file rewritten in place never keeps bytes of a longer older value.
     */
    byte[] fixedWidthText(long lsn) {
        String lsnField = String.format("lsn=%019d", lsn);
        return (tag + " 1 " + lsnField + " crc32c=" + checksum(lsnField) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String checksum(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.US_ASCII));
        return String.format("%08x", crc.getValue());
    }

    /** The file exists but does not hold a valid LSN; the message says how. */
    static final class Damaged extends Exception {
        Damaged(String detail) {
            super(detail);
        }
    }
}
