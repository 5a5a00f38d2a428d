package dev.jwal.core.read;

/**
 * Recognises what a power loss leaves when the kernel wrote a file's unforced
 * pages back out of order: a whole page of zeros (a block that was allocated but
 * never written) with written data after it. Inside the last segment such a hole
 * belongs to the unforced tail, since forced data is a contiguous prefix, so it
 * is a torn tail, not corruption. Pages are taken as 4 KiB, file-offset aligned.
 */
public final class ZeroPages {
    public static final int PAGE = 4096;

    private ZeroPages() {
    }

    /** A zero run shorter than this up to a page boundary is not taken for a lost page (a record header is 16). */
    static final int MIN_LEADING_ZEROS = 16;

    /**
     * Whether {@code bytes[start, start + length)}, which sit at {@code fileOffset} in the file, look like a
     * lost page: they cover a whole aligned page of zeros, or they start with zeros up to the next page
     * boundary (the unwritten rest of the page where the forced data ended), at least
     * {@value #MIN_LEADING_ZEROS} of them.
     */
    public static boolean containsZeroPage(byte[] bytes, int start, int length, long fileOffset) {
        long firstPage = (fileOffset + PAGE - 1) / PAGE * PAGE;
        long leading = firstPage - fileOffset;
        if (leading >= MIN_LEADING_ZEROS && leading <= length && allZero(bytes, start, (int) leading)) {
            return true;
        }
        for (long page = firstPage; page + PAGE <= fileOffset + length; page += PAGE) {
            int from = start + (int) (page - fileOffset);
            if (allZero(bytes, from, PAGE)) {
                return true;
            }
        }
        return false;
    }

    static boolean allZero(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
