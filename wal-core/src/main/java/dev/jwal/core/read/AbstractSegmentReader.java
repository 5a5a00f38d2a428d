package dev.jwal.core.read;

import dev.jwal.api.WalEntry;

/** The current item's state, shared by the segment readers of both formats. Not thread safe. */
public abstract class AbstractSegmentReader implements SegmentReader {
    private long lsn = -1;
    private WalEntry entry;
    private Damage damage;

    /** Forgets the previous item, before reading the next. */
    protected final void clear() {
        lsn = -1;
        entry = null;
        damage = null;
    }

    /** The current item is a valid record. */
    protected final void found(long recordLsn, WalEntry recordEntry) {
        lsn = recordLsn;
        entry = recordEntry;
        damage = null;
    }

    /** The current item is damage. */
    protected final void found(Damage found) {
        lsn = -1;
        entry = null;
        damage = found;
    }

    @Override
    public final Damage damage() {
        return damage;
    }

    @Override
    public final long lsn() {
        return lsn;
    }

    @Override
    public final WalEntry entry() {
        return entry;
    }
}
