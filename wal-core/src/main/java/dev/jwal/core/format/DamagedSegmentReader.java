package dev.jwal.core.format;

import dev.jwal.api.WalEntry;
import dev.jwal.core.read.SegmentReader;
import dev.jwal.core.read.SegmentShape;

/** A segment whose header cannot be read: one damaged stretch covering the whole file. */
final class DamagedSegmentReader implements SegmentReader {
    private final Damage damage;
    private final long size;
    private boolean consumed;

    DamagedSegmentReader(String detail, boolean incomplete, long size) {
        this.damage = new Damage(detail, -1, incomplete, null);
        this.size = size;
    }

    @Override
    public boolean next() {
        if (consumed) {
            return false;
        }
        consumed = true;
        return true;
    }

    @Override
    public long offset() {
        return 0;
    }

    @Override
    public long endOffset() {
        return size;
    }

    @Override
    public Damage damage() {
        return damage;
    }

    @Override
    public long lsn() {
        return -1;
    }

    @Override
    public WalEntry entry() {
        return null;
    }

    @Override
    public SegmentShape shape() {
        return SegmentShape.DAMAGED;
    }

    @Override
    public boolean holdsFile() {
        return false;
    }

    @Override
    public void close() {
        // Holds no file.
    }
}
