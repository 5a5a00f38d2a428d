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

    /**
     * Whether {@code bytes[start, start + length)}, which sit at {@code fileOffset} in the file, cover a whole
     * aligned page that is all zeros.
     */
    public static boolean containsZeroPage(byte[] bytes, int start, int length, long fileOffset) {
        long firstPage = (fileOffset + PAGE - 1) / PAGE * PAGE;
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
