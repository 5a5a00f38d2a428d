package dev.jwal.testkit;

import java.util.Objects;

/**
 * What a simulated power loss does with bytes that were written but not covered
 * by a completed force of their file. (Directory changes not covered by a
 * completed directory force are always undone.)
 *
 * @param unsynced what becomes of each file's unforced bytes
 * @param seed     seeds the random choices, so that a failing run can be replayed
 */
public record PowerLossOptions(Unsynced unsynced, long seed) {

    /** Bytes per page: the unit {@link Unsynced#TEAR_LAST_PAGE} tears. */
    public static final int PAGE_SIZE = 4096;
    /** Bytes per sector: the unit a disk writes atomically. */
    public static final int SECTOR_SIZE = 512;

    /** What becomes of unforced bytes. */
    public enum Unsynced {
        /** Every unforced byte is lost: files go back to their last forced length. */
        DROP,
        /** A random prefix of each file's unforced bytes survives (the kernel had written some back). */
        KEEP_RANDOM_PREFIX,
        /**
         * As {@link #KEEP_RANDOM_PREFIX}, then the last page of what survives is torn: from a random
         * sector boundary in it to the end of the file, the unforced bytes read as zeros, as when the
         * file's new size reached the disk but its last sectors did not.
         */
        TEAR_LAST_PAGE,
        /**
         * Each page holding unforced bytes survives or not on its own, as when the kernel writes dirty pages
         * back out of order: the file keeps its length up to the last page that survived, and the unforced
         * bytes of the pages that did not read as zeros. Only the bytes after the last completed force are
         * at stake, so this is about what a reader makes of zeros followed by valid records.
         */
        KEEP_RANDOM_PAGES
    }

    /** Validates. */
    public PowerLossOptions {
        Objects.requireNonNull(unsynced, "unsynced");
    }

    /** Every unforced byte is lost. */
    public static PowerLossOptions dropUnsynced() {
        return new PowerLossOptions(Unsynced.DROP, 0);
    }

    /** A random prefix of each file's unforced bytes survives. */
    public static PowerLossOptions keepRandomPrefix(long seed) {
        return new PowerLossOptions(Unsynced.KEEP_RANDOM_PREFIX, seed);
    }

    /** Each page of unforced bytes survives or reads as zeros, independently. */
    public static PowerLossOptions keepRandomPages(long seed) {
        return new PowerLossOptions(Unsynced.KEEP_RANDOM_PAGES, seed);
    }

    /** A random prefix of each file's unforced bytes survives, and its last page is torn. */
    public static PowerLossOptions tearLastPage(long seed) {
        return new PowerLossOptions(Unsynced.TEAR_LAST_PAGE, seed);
    }

    /**
     * One of the four ways above, drawn from {@code seed} (so that a seed replays a run exactly):
     * randomized tests that pass their run's seed cover every way in turn.
     */
    public static PowerLossOptions forSeed(long seed) {
        return switch ((int) Math.floorMod(seed, 4L)) {
            case 0 -> dropUnsynced();
            case 1 -> keepRandomPrefix(seed);
            case 2 -> tearLastPage(seed);
            default -> keepRandomPages(seed);
        };
    }
}
